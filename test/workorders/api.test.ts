import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { IdempotencyRecord } from '../../src/http/api/idempotency-record.entity.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { testDatabaseKind } from '../support/database.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The work-order API as the ERP uses it: pages, versions, retried creates. */
describe('the work-order API for the ERP', () => {
  let app: TestApp;
  let erp: string;
  let board: string;

  beforeAll(async () => {
    app = await startTestApp({ factory: castYaml });
    app.clock.set('2026-11-23T00:00:00Z');
    const em = app.orm.em.fork();
    erp = await createApiKey(
      em,
      'ERP',
      ['masterdata:write', 'workorders:read', 'workorders:write'],
      app.clock.now(),
    );
    board = await createApiKey(em, 'board', ['workorders:read'], app.clock.now());
  });
  afterAll(() => app.stop());

  async function call(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; key?: string } = {},
  ) {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${options.key ?? erp}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
  }

  async function givenItem(code: string): Promise<void> {
    await call('PUT', `/items/${code}`, { body: { name: code } });
    await call('PUT', `/items/${code}/routing`, {
      body: { steps: [{ sequence: 10, name: '车削', standardMinutes: 1 }] },
    });
  }

  const newOrder = (item: string, extra: Record<string, unknown> = {}) => ({
    item,
    quantity: 10,
    dueDate: '2026-12-08',
    ...extra,
  });

  it('given 120 orders of an item, when the ERP pages through 50 at a time while 20 more are made, then it sees each order exactly once', async () => {
    await givenItem('PAGE-1');
    for (let i = 0; i < 120; i++) await call('POST', '/work-orders', { body: newOrder('PAGE-1') });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await call(
        'GET',
        `/work-orders?item=PAGE-1&limit=50${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(page.status).toBe(200);
      seen.push(...(page.json.items as Array<{ number: string }>).map((o) => o.number));
      cursor = page.json.nextCursor as string | null;
      // Rows arrive between pages, as they would while the ERP syncs during the day.
      pages += 1;
      if (cursor !== null)
        for (let i = 0; i < 10; i++) await call('POST', '/work-orders', { body: newOrder('PAGE-1') });
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(140);
    expect(pages).toBe(3);
    const first = await call('GET', '/work-orders?item=PAGE-1');
    expect(first.json.items).toHaveLength(50);
  });

  it('given an order read by the ERP, when a planner releases it first, then the ERP’s stale release is refused with 412 and one without If-Match with 428', async () => {
    await givenItem('ETAG-1');
    const created = await call('POST', '/work-orders', { body: newOrder('ETAG-1', { number: 'ERP-ETAG' }) });
    const stale = created.headers.get('etag') ?? '';
    expect(stale).toMatch(/^".+"$/);
    expect((await call('GET', '/work-orders/ERP-ETAG')).headers.get('etag')).toBe(stale);

    const missing = await call('POST', '/work-orders/ERP-ETAG/release');
    expect(missing).toMatchObject({ status: 428, json: { code: 'precondition_required' } });
    await app.orm.em.fork().nativeUpdate(WorkOrder, { number: 'ERP-ETAG' }, { priority: 1 });
    const refused = await call('POST', '/work-orders/ERP-ETAG/release', { headers: { 'if-match': stale } });
    expect(refused).toMatchObject({ status: 412, json: { code: 'precondition_failed' } });
    expect((await app.orm.em.fork().findOneOrFail(WorkOrder, { number: 'ERP-ETAG' })).status).toBe('planned');

    const fresh = (await call('GET', '/work-orders/ERP-ETAG')).headers.get('etag') ?? '';
    expect(fresh).not.toBe(stale);
    const released = await call('POST', '/work-orders/ERP-ETAG/release', { headers: { 'if-match': fresh } });
    expect(released).toMatchObject({ status: 200, json: { status: 'released' } });
    // Released twice is the service's refusal, in problem+json with the chat's words.
    const again = await call('POST', '/work-orders/ERP-ETAG/release', {
      headers: { 'if-match': released.headers.get('etag') ?? '' },
    });
    expect(again).toMatchObject({ status: 422, json: { code: 'order_not_planned' } });
  });

  it('refuses an item update whose If-Match is stale', async () => {
    const first = await call('PUT', '/items/ETAG-2', { body: { name: '旧名' } });
    const etag = first.headers.get('etag') ?? '';
    expect(
      (await call('PUT', '/items/ETAG-2', { body: { name: '新名' }, headers: { 'if-match': etag } })).status,
    ).toBe(200);
    const stale = await call('PUT', '/items/ETAG-2', {
      body: { name: '又一个' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect((await call('GET', '/items/ETAG-2')).json.name).toBe('新名');
  });

  it('given a create sent with an Idempotency-Key, when it is sent again, then the first answer comes back and no second order is made; another body with that key is refused', async () => {
    await givenItem('IDEM-1');
    const send = (body: unknown, key = 'erp-7f3a') =>
      call('POST', '/work-orders', { body, headers: { 'idempotency-key': key } });
    const first = await send(newOrder('IDEM-1'));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const replay = await send(newOrder('IDEM-1'));
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    expect(await app.orm.em.fork().count(WorkOrder, { item: 'IDEM-1' })).toBe(1);

    const mismatch = await send(newOrder('IDEM-1', { quantity: 11 }));
    expect(mismatch).toMatchObject({ status: 422, json: { code: 'idempotency_key_reused' } });
    expect(await app.orm.em.fork().count(WorkOrder, { item: 'IDEM-1' })).toBe(1);

    // Another key is another request; after 24 h the same key is free again.
    expect((await send(newOrder('IDEM-1'), 'erp-other')).headers.get('idempotent-replayed')).toBeNull();
    app.clock.advance(24 * 60 * 60 * 1000 + 1);
    const later = await send(newOrder('IDEM-1', { quantity: 12 }));
    expect(later.status).toBe(201);
    expect(later.json.quantity).toBe(12);
    expect(await app.orm.em.fork().count(WorkOrder, { item: 'IDEM-1' })).toBe(3);
    expect(await app.orm.em.fork().count(IdempotencyRecord, { idempotencyKey: 'erp-7f3a' })).toBe(1);
  });

  it('given two sends of one create racing with one Idempotency-Key, then exactly one order is made and the other send is answered or told to retry', async () => {
    await givenItem('IDEM-2');
    const send = () =>
      call('POST', '/work-orders', { body: newOrder('IDEM-2'), headers: { 'idempotency-key': 'race-1' } });
    const answers = await Promise.all([send(), send()]);
    const statuses = answers.map((a) => a.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    expect(answers.find((a) => a.status === 409)?.json.code ?? 'idempotency_key_in_use').toBe(
      'idempotency_key_in_use',
    );
    expect(await app.orm.em.fork().count(WorkOrder, { item: 'IDEM-2' })).toBe(1);
  });

  // SQLite lets one writer in at a time: there a later id is always a later commit.
  it.skipIf(testDatabaseKind() === 'sqlite')(
    'given a report whose transaction commits after a later one, when the ERP reads the feed meanwhile, then it waits and misses neither',
    async () => {
      await givenItem('FEED-1');
      await call('POST', '/work-orders', { body: newOrder('FEED-1', { number: 'ERP-FEED' }) });
      const task = await app.orm.em
        .fork()
        .findOneOrFail(OperationTask, { workOrder: { number: 'ERP-FEED' }, sequence: 10 });
      let since: string | null = null;
      for (;;) {
        const page = await call('GET', `/work-reports?limit=200${since === null ? '' : `&since=${since}`}`);
        if ((page.json.items as unknown[]).length === 0) break;
        since = page.json.nextCursor as string;
      }
      const report = (good: number) => ({
        task: task.id,
        person: 'zhangwei',
        reportedAt: app.clock.now(),
        good,
        scrap: 0,
        minutes: 0,
        channel: 'gateway',
      });
      const slow = app.orm.em.fork();
      await slow.begin();
      slow.create(WorkReport, report(1));
      await slow.flush();
      const fast = app.orm.em.fork();
      fast.create(WorkReport, report(2));
      await fast.flush();

      const feed = call('GET', `/work-reports${since === null ? '' : `?since=${since}`}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await slow.commit();
      const items = (await feed).json.items as Array<{ good: number; workOrder: string }>;
      expect(items.map((r) => [r.workOrder, r.good])).toEqual([
        ['ERP-FEED', 1],
        ['ERP-FEED', 2],
      ]);
    },
  );

  it('lets a read-only key read but not create, release or change master data', async () => {
    await givenItem('SCOPE-1');
    expect((await call('GET', '/items/SCOPE-1', { key: board })).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/work-orders', newOrder('SCOPE-1')],
      ['PUT', '/items/SCOPE-1', { name: '改' }],
      ['POST', '/work-orders/X/cancel', { reason: '不要了' }],
    ] as const) {
      const res = await call(method, path, { body, key: board });
      expect(res).toMatchObject({ status: 403, json: { code: 'missing_scope' } });
    }
    expect((await call('GET', '/items/SCOPE-1', { key: board })).json.name).toBe('SCOPE-1');
  });
});
