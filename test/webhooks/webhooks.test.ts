import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOf } from '../../src/app-services.js';
import type { Actor } from '../../src/chat/audit/actor.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { personById } from '../../src/people/directory.js';
import { ManualClock } from '../../src/shared/clock.js';
import { deliverDueWebhooks } from '../../src/webhooks/delivery-service.js';
import { signatureHeader, verifySignature } from '../../src/webhooks/signature.js';
import { WebhookDelivery } from '../../src/webhooks/webhook-delivery.entity.js';
import { closeException, raiseException } from '../../src/workorders/exception-service.js';
import { loadOrder } from '../../src/workorders/task-lookup.js';
import { equipmentYaml } from '../equipment/world.js';
import { reportAndReverse } from '../http/api-world.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SECRET = 'mes-secret-0123456789abcdef';
const FLAKY_SECRET = 'flaky-secret-0123456789abcdef';
const HOUR = 3_600_000;

/** The README's five lines: what a receiver runs on every request. */
function verified(secret: string, body: string, header: string): boolean {
  const { t, v1 } = Object.fromEntries(header.split(',').map((kv) => kv.split('=')));
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return !!v1 && v1.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}

interface Received {
  path: string;
  body: string;
  signature: string;
  event: { id: string; type: string; occurredAt: string; data: Record<string, unknown> };
}

/** A real HTTP receiver on a fixed port that can be stopped and started again. */
class Receiver {
  received: Received[] = [];
  badSignatures = 0;
  /** Paths answered with 500 (a receiver that is up but broken). */
  failing = new Set<string>();
  private server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const signature = String(req.headers['x-shopfloor-signature'] ?? '');
        const secret = req.url === '/flaky' ? FLAKY_SECRET : SECRET;
        if (!verified(secret, body, signature)) {
          this.badSignatures += 1;
          res.writeHead(401).end();
          return;
        }
        if (this.failing.has(req.url ?? '')) {
          res.writeHead(500).end('broken');
          return;
        }
        this.received.push({
          path: req.url ?? '',
          body,
          signature,
          event: JSON.parse(body) as Received['event'],
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }
}

describe('signed webhooks', () => {
  let app: TestApp;
  let key: string;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    process.env.SFB_TEST_WEBHOOK_SECRET = SECRET;
    const factory = `${equipmentYaml}webhooks:
  maxAttempts: 5
  timeoutSeconds: 5
  subscriptions:
    - { name: mes, url: "http://127.0.0.1:${receiver.port}/hook", events: ["*"], secretEnv: SFB_TEST_WEBHOOK_SECRET }
`;
    app = await startTestApp({ factory, clock: new ManualClock('2026-11-23T01:00:00Z') });
    key = await createApiKey(
      app.orm.em.fork(),
      'ERP',
      ['webhooks:admin', 'masterdata:write', 'workorders:read', 'workorders:write', 'outsourcing:write'],
      app.clock.now(),
    );
  });
  afterAll(async () => {
    await app.stop();
    await receiver.stop();
    delete process.env.SFB_TEST_WEBHOOK_SECRET;
  });

  async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      json: (await res.json()) as Record<string, unknown>,
      etag: res.headers.get('etag'),
    };
  }

  const deliver = () => deliverDueWebhooks(app.services);
  const advance = (ms: number) => app.clock.set(new Date(app.clock.now().getTime() + ms));

  async function actor(id: string): Promise<Actor> {
    const person = (await personById(app.orm.em.fork(), id))!;
    return { person, channel: 'console', inboundEventId: null, at: app.clock.now() };
  }

  async function createAndRelease(number: string): Promise<void> {
    await api('post', '/work-orders', { item: 'SHF-200', quantity: 100, dueDate: '2026-12-08', number });
    const { etag } = await api('get', `/work-orders/${number}`);
    expect(
      (await api('post', `/work-orders/${number}/release`, undefined, { 'if-match': etag ?? '' })).status,
    ).toBe(200);
  }

  async function raiseAndClose(number: string, reason: string): Promise<number> {
    const raiser = await actor('zhangwei');
    const closer = await actor('wangfang');
    return app.orm.em.fork().transactional(async (em) => {
      const deps = unitOf(app.services, em);
      const raised = await raiseException(deps, raiser, await loadOrder(em, number), undefined, reason);
      await closeException(deps, closer, raised, '已补料');
      return raised.id;
    });
  }

  it('keeps the subscription factory.yaml declares, without showing its secret', async () => {
    const list = await api('get', '/webhooks');
    expect(list.json).toEqual([
      {
        name: 'mes',
        url: `http://127.0.0.1:${receiver.port}/hook`,
        events: ['*'],
        source: 'config',
        active: true,
        createdAt: '2026-11-23T01:00:00.000Z',
      },
    ]);
    expect((await api('delete', '/webhooks/mes')).json).toMatchObject({ code: 'subscription_in_config' });
  });

  it('delivers every event once, signed and in order per record, to a receiver that was down for hours', async () => {
    const routing = { steps: [{ sequence: 10, name: '车削', standardMinutes: 1.5 }] };
    await api('put', '/items/SHF-200', { name: '传动轴' });
    await api('put', '/items/SHF-200/routing', routing);
    await createAndRelease('ERP-1');
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(receiver.on('/hook').map((r) => r.event.type)).toEqual(['work_order.released']);
    expect(receiver.received[0]!.event.data).toEqual({
      number: 'ERP-1',
      item: 'SHF-200',
      quantity: 100,
      dueDate: '2026-12-08',
      status: 'released',
      releasedAt: '2026-11-23T01:00:00.000Z',
      completedAt: null,
    });

    await receiver.stop();
    await createAndRelease('ERP-2');
    await reportAndReverse(app, 'ERP-1');
    const exceptionId = await raiseAndClose('ERP-2', '缺料 40Cr 棒料');
    await api('put', '/partners/P-ZINC', { name: '镀锌厂', process: '镀锌' });
    const outsourced = await api('post', '/outsourcing-orders', {
      partner: 'P-ZINC',
      productCode: 'SHF-200',
      quantity: 50,
      expectedReturnAt: '2026-11-27T14:00:00+08:00',
    });
    expect(outsourced.status).toBe(201);
    const osNumber = String(outsourced.json.number);
    const queued = await app.orm.em
      .fork()
      .find(WebhookDelivery, { status: 'pending' }, { orderBy: { id: 'asc' } });
    expect(queued.map((d) => [d.recordKey, d.eventType])).toEqual([
      ['work_order:ERP-2', 'work_order.released'],
      ['work_order:ERP-1', 'work_report.created'],
      ['work_order:ERP-1', 'work_report.reversed'],
      [`exception:${exceptionId}`, 'exception.raised'],
      [`exception:${exceptionId}`, 'exception.closed'],
      [`outsourcing_order:${osNumber}`, 'outsourcing_order.state_changed'],
    ]);

    // Down: only the head of each record's lane is tried; the events behind it wait.
    expect(await deliver()).toEqual({ delivered: 0, failed: 4 });
    for (let hour = 0; hour < 3; hour += 1) {
      advance(HOUR + 1000);
      expect(await deliver()).toEqual({ delivered: 0, failed: 4 });
    }
    const waiting = await app.orm.em
      .fork()
      .find(WebhookDelivery, { status: 'pending' }, { orderBy: { id: 'asc' } });
    expect(waiting.map((d) => d.attempts)).toEqual([4, 4, 0, 4, 0, 4]);
    expect(waiting[0]!.lastError).toMatch(/ECONNREFUSED/);

    await receiver.start();
    advance(HOUR + 1000);
    expect(await deliver()).toEqual({ delivered: 6, failed: 0 });
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });

    const got = receiver.on('/hook');
    expect(got).toHaveLength(7);
    expect(new Set(got.map((r) => r.event.id)).size).toBe(7);
    expect(receiver.badSignatures).toBe(0);
    const byRecord = (prefix: string) =>
      got.filter((r) => JSON.stringify(r.event.data).includes(prefix)).map((r) => r.event.type);
    expect(got.filter((r) => r.event.type.startsWith('work_report')).map((r) => r.event.type)).toEqual([
      'work_report.created',
      'work_report.reversed',
    ]);
    expect(byRecord(`"ref":"E${exceptionId}"`)).toEqual(['exception.raised', 'exception.closed']);
    const reversed = got.find((r) => r.event.type === 'work_report.reversed')!.event.data;
    expect(reversed).toMatchObject({
      kind: 'correction',
      reversal: { workOrder: 'ERP-1', good: -40, scrap: 0, operation: 10 },
    });
    const closed = got.find((r) => r.event.type === 'exception.closed')!.event.data;
    expect(closed).toMatchObject({
      kind: 'material',
      status: 'closed',
      workOrder: 'ERP-2',
      raisedBy: 'zhangwei',
      closedBy: 'wangfang',
      closeNote: '已补料',
    });
    expect(got.find((r) => r.event.type === 'outsourcing_order.state_changed')!.event.data).toMatchObject({
      number: osNumber,
      partner: 'P-ZINC',
      quantity: 50,
      from: null,
      channel: 'api',
    });
    const delivered = await app.orm.em.fork().find(WebhookDelivery, {}, { orderBy: { id: 'asc' } });
    expect(delivered.map((d) => [d.status, d.lastStatus])).toEqual(Array(7).fill(['delivered', 204]));
  });

  it('signs so that a tampered body or another secret fails verification', () => {
    const { body, signature } = receiver.on('/hook')[0]!;
    expect(verified(SECRET, body, signature)).toBe(true);
    expect(verifySignature(SECRET, body, signature)).toBe(true);
    const tampered = body.replace('"quantity":100', '"quantity":1000');
    expect(tampered).not.toBe(body);
    expect(verified(SECRET, tampered, signature)).toBe(false);
    expect(verifySignature(SECRET, tampered, signature)).toBe(false);
    expect(verified('another-secret', body, signature)).toBe(false);
    const at = new Date('2026-11-23T01:00:00Z');
    expect(signatureHeader('s', '{}', at)).toBe(
      `t=1795395600,v1=${createHmac('sha256', 's').update('1795395600.{}').digest('hex')}`,
    );
    expect(
      verifySignature('s', '{}', signatureHeader('s', '{}', at), { now: at, toleranceSeconds: 300 }),
    ).toBe(true);
    const late = new Date(at.getTime() + 301_000);
    expect(
      verifySignature('s', '{}', signatureHeader('s', '{}', at), { now: late, toleranceSeconds: 300 }),
    ).toBe(false);
  });

  it('lets an admin list a dead delivery and replay it, once, after the receiver is fixed', async () => {
    const created = await api(
      'post',
      '/webhooks',
      {
        name: 'flaky',
        url: `http://127.0.0.1:${receiver.port}/flaky`,
        events: ['exception.raised'],
        secret: FLAKY_SECRET,
      },
      { 'idempotency-key': 'flaky-1' },
    );
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'flaky', source: 'api', secret: FLAKY_SECRET });
    receiver.failing.add('/flaky');
    const exceptionId = await raiseAndClose('ERP-2', '设备故障 主轴异响');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await deliver();
      advance(2 * HOUR);
    }
    const dead = await api('get', '/webhook-deliveries?status=dead');
    expect(dead.json.items).toEqual([
      expect.objectContaining({
        subscription: 'flaky',
        eventType: 'exception.raised',
        recordKey: `exception:${exceptionId}`,
        status: 'dead',
        attempts: 5,
        lastStatus: 500,
        lastError: 'HTTP 500 broken',
        deliveredAt: null,
      }),
    ]);
    const id = (dead.json.items as Array<{ id: number }>)[0]!.id;
    expect((await api('post', `/webhook-deliveries/${id + 1000}/replay`)).status).toBe(404);
    // The mes copies of the same events went out long ago: not dead, not replayed.
    expect((await api('post', `/webhook-deliveries/${id - 1}/replay`)).json).toMatchObject({
      status: 409,
      code: 'delivery_not_dead',
      deliveryStatus: 'delivered',
    });

    receiver.failing.delete('/flaky');
    const replayed = await api('post', `/webhook-deliveries/${id}/replay`);
    expect(replayed.json).toMatchObject({ id, status: 'pending', attempts: 0 });
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
    const flaky = receiver.on('/flaky');
    expect(flaky.map((r) => [r.event.type, r.event.data.ref])).toEqual([
      ['exception.raised', `E${exceptionId}`],
    ]);
    expect((await api('get', '/webhook-deliveries?status=dead')).json.items).toEqual([]);
    expect((await api('post', `/webhook-deliveries/${id}/replay`)).status).toBe(409);

    expect((await api('delete', '/webhooks/flaky')).json).toMatchObject({ name: 'flaky', active: false });
    expect((await api('get', '/webhooks')).json).toHaveLength(2);
    // Who is subscribed is kept between requests; switching one off is seen at once.
    await raiseAndClose('ERP-2', '设备故障 又响了');
    await deliver();
    expect(receiver.on('/flaky')).toHaveLength(1);
  });
});
