import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { equipmentYaml } from '../equipment/world.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { WebhookDelivery } from '../../src/webhooks/webhook-delivery.entity.js';
import { issueFromLot, patrolOn, raiseExceptionOn, reportAndReverse } from './api-world.js';

type Schema = Record<string, unknown>;
interface Operation {
  'x-required-scope': string;
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });

/**
 * The served /api/v1/openapi.json is the contract: every operation in it is called, every
 * answer's status must be one it documents and its body must match the documented schema.
 */
describe('the REST API keeps to its OpenAPI document', () => {
  let app: TestApp;
  let doc: Document;
  let all: string;
  let none: string;
  const succeeded = new Set<string>();
  const validators = new Map<Schema, ValidateFunction>();

  beforeAll(async () => {
    // SHF-200's turning declares a process parameter, so a gateway can post one for a report.
    const parameters = `quality:\n  parameters:\n    - { item: SHF-200, sequence: 10, name: 转速, unit: rpm, min: 800, max: 1200 }\n`;
    app = await startTestApp({ factory: `${equipmentYaml.trimEnd()}\n${parameters}` });
    app.clock.set('2026-11-23T00:00:00Z');
    doc = (await (await fetch(`${app.baseUrl}/api/v1/openapi.json`)).json()) as Document;
    const scopes = Object.values(doc.paths).flatMap((p) =>
      Object.values(p).map((o) => o['x-required-scope']),
    );
    all = await createApiKey(app.orm.em.fork(), 'ERP', [...new Set(scopes)], app.clock.now());
    none = await createApiKey(app.orm.em.fork(), 'nothing', [], app.clock.now());
  });
  afterAll(() => app.stop());

  const resolve = (schema: Schema): Schema =>
    schema.$ref === '#/components/schemas/Problem' ? (doc.components.schemas.Problem as Schema) : schema;

  /** Calls `template` (an OpenAPI path) and checks the answer against the document. */
  async function call(
    method: string,
    template: string,
    params: Record<string, string> = {},
    options: { body?: unknown; headers?: Record<string, string>; key?: string | null; query?: string } = {},
  ): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
    const key = options.key === undefined ? all : options.key;
    const res = await fetch(`${app.baseUrl}/api/v1${path}${options.query ?? ''}`, {
      method: method.toUpperCase(),
      headers: {
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const type = (res.headers.get('content-type') ?? '').split(';')[0] ?? '';
    const isJson = type === 'application/json' || type === 'application/problem+json';
    const json = (isJson ? await res.json() : { bytes: (await res.arrayBuffer()).byteLength }) as Record<
      string,
      unknown
    >;
    const operation = doc.paths[template]?.[method];
    expect(operation, `${method} ${template} is in the document`).toBeDefined();
    const documented = operation?.responses[String(res.status)];
    expect(
      documented,
      `${method} ${template} documents ${res.status}: ${JSON.stringify(json)}`,
    ).toBeDefined();
    const schema = documented?.content?.[type]?.schema;
    if (documented?.content) expect(schema, `${method} ${template} ${res.status} as ${type}`).toBeDefined();
    if (schema && isJson) {
      const resolved = resolve(schema);
      const validate = validators.get(resolved) ?? ajv.compile(resolved);
      validators.set(resolved, validate);
      expect(validate(json), `${method} ${template} ${res.status}: ${ajv.errorsText(validate.errors)}`).toBe(
        true,
      );
    }
    if (res.status < 300) succeeded.add(`${method} ${template}`);
    return { status: res.status, json, headers: res.headers };
  }

  it('answers each operation, as a client would use it, with documented statuses and bodies', async () => {
    const routing = {
      steps: [
        {
          sequence: 10,
          name: '车削',
          standardMinutes: 1.5,
          setupMinutes: 30,
          equipmentType: 'lathe',
          parameters: [{ name: '浓度', unit: '%', min: 5, max: 8 }],
        },
        { sequence: 20, name: '磨削', standardMinutes: 0.8, workCenter: '二车间' },
      ],
    };
    expect(
      (await call('put', '/items/{code}', { code: 'SHF-200' }, { body: { name: '传动轴' } })).status,
    ).toBe(200);
    expect((await call('put', '/items/{code}/routing', { code: 'SHF-200' }, { body: routing })).status).toBe(
      200,
    );
    expect((await call('get', '/items', {}, { query: '?limit=1' })).status).toBe(200);
    const item = await call('get', '/items/{code}', { code: 'shf-200' });
    expect(item.json.routing).toEqual([
      expect.objectContaining({ sequence: 10, standardMinutes: 1.5, setupMinutes: 30 }),
      expect.objectContaining({ sequence: 20, setupMinutes: 0 }),
    ]);

    const created = await call(
      'post',
      '/work-orders',
      {},
      { body: { item: 'SHF-200', quantity: 100, dueDate: '2026-12-08', number: 'ERP-1' } },
    );
    expect(created.status).toBe(201);
    const fetched = await call('get', '/work-orders/{number}', { number: 'ERP-1' });
    const released = await call(
      'post',
      '/work-orders/{number}/release',
      { number: 'ERP-1' },
      { headers: { 'if-match': fetched.headers.get('etag') ?? '' } },
    );
    expect(released.json.status).toBe('released');
    expect((await call('get', '/work-orders', {}, { query: '?status=released' })).json.items).toHaveLength(1);
    await reportAndReverse(app, 'ERP-1');
    const reports = await call('get', '/work-reports');
    expect((reports.json.items as Array<{ good: number }>).map((r) => r.good)).toEqual([40, -40]);
    const reportId = String((reports.json.items as Array<{ id: number }>)[0]!.id);
    const posted = await call(
      'post',
      '/work-reports/{id}/parameters',
      { id: reportId },
      { body: { values: [{ name: '转速', value: 1000 }] } },
    );
    expect(posted.json.readings).toEqual([
      expect.objectContaining({ name: '转速', value: 1000, outOfLimits: false }),
    ]);
    const unknownParameter = { body: { values: [{ name: '温度', value: 1 }] } };
    expect(
      (await call('post', '/work-reports/{id}/parameters', { id: reportId }, unknownParameter)).status,
    ).toBe(422);
    expect(
      (await call('post', '/work-reports/{id}/parameters', { id: '999999' }, unknownParameter)).status,
    ).toBe(404);
    const lot = {
      item: 'SHF-200',
      quantity: 500,
      receivedAt: '2026-11-20T09:00:00+08:00',
      supplier: '江苏永钢',
    };
    expect((await call('put', '/lots/{lotNumber}', { lotNumber: 'L-2611-01' }, { body: lot })).status).toBe(
      200,
    );
    await issueFromLot(app, 'ERP-1', 'L-2611-01', 120);
    const issues = await call('get', '/material-issues', {}, { query: '?limit=10' });
    expect(issues.json.items).toEqual([
      expect.objectContaining({ lot: 'L-2611-01', quantity: 120, operation: 10 }),
    ]);
    expect((await call('get', '/lots/{lotNumber}', { lotNumber: 'l-2611-01' })).json).toMatchObject({
      remaining: 380,
      supplier: '江苏永钢',
    });
    await call('get', '/lots', {}, { query: '?item=SHF-200' });
    const below = await call(
      'put',
      '/lots/{lotNumber}',
      { lotNumber: 'L-2611-01' },
      { body: { ...lot, quantity: 100 } },
    );
    expect(below).toMatchObject({ status: 422, json: { code: 'lot_below_issued' } });
    const weighing = { order: 'ERP-1', weight: 5, device: 'SCALE-1', seq: 1 };
    const weighed = await call(
      'post',
      '/lots/{lotNumber}/weighings',
      { lotNumber: 'L-2611-01' },
      { body: weighing },
    );
    expect(weighed).toMatchObject({ status: 201, json: { state: 'issued', duplicate: false } });
    const counted = await call(
      'post',
      '/equipment/{code}/counts',
      { code: 'EXT-01' },
      { body: { seq: 1, count: 3 } },
    );
    expect(counted).toMatchObject({ status: 201, json: { state: 'unassigned', device: 'EXT-01' } });
    const batched = await call(
      'post',
      '/equipment/{code}/counts/batch',
      { code: 'EXT-01' },
      {
        body: {
          readings: [
            { seq: 1, count: 3 },
            { seq: 2, count: 4 },
          ],
        },
      },
    );
    expect(batched).toMatchObject({ status: 201, json: { stored: 1, duplicates: 1 } });
    const etag = (await call('get', '/work-orders/{number}', { number: 'ERP-1' })).headers.get('etag') ?? '';
    const cancelled = await call(
      'post',
      '/work-orders/{number}/cancel',
      { number: 'ERP-1' },
      { body: { reason: '客户撤单' }, headers: { 'if-match': etag } },
    );
    expect(cancelled.json.status).toBe('cancelled');

    // Bills of material: written in the components' own units, read back per item and as a list.
    await call(
      'put',
      '/items/{code}',
      { code: 'STEEL-45' },
      { body: { name: '45# 圆钢', unit: 'kg', kind: 'raw' } },
    );
    const bom = await call(
      'put',
      '/items/{code}/bom',
      { code: 'shf-200' },
      { body: { lines: [{ component: 'steel-45', quantityPer: 1.25, unit: 'kg' }] } },
    );
    const bomBody = {
      item: 'SHF-200',
      lines: [{ component: 'STEEL-45', componentName: '45# 圆钢', quantityPer: 1.25, unit: 'kg' }],
    };
    expect([bom.status, bom.json]).toEqual([200, bomBody]);
    expect((await call('get', '/items/{code}/bom', { code: 'SHF-200' })).json).toEqual(bomBody);
    expect((await call('get', '/boms', {}, { query: '?limit=1' })).json).toEqual({
      items: [bomBody],
      nextCursor: null,
    });
    const wrongUnit = await call(
      'put',
      '/items/{code}/bom',
      { code: 'SHF-200' },
      { body: { lines: [{ component: 'STEEL-45', quantityPer: 1250, unit: 'g' }] } },
    );
    expect(wrongUnit).toMatchObject({ status: 422, json: { code: 'bom_unit_mismatch' } });
    const unknown = await call(
      'put',
      '/items/{code}/bom',
      { code: 'SHF-200' },
      { body: { lines: [{ component: 'NOPE', quantityPer: 1 }] } },
    );
    expect(unknown).toMatchObject({ status: 422, json: { code: 'bom_unknown_component' } });
    expect((await call('get', '/items/{code}/bom', { code: 'SHF-200' })).json).toEqual(bomBody);
    expect((await call('get', '/items/{code}/bom', { code: 'NOPE' })).status).toBe(404);

    // The routes of the other capabilities, so the whole document is exercised.
    await call('put', '/people/{id}', { id: 'sunli' }, { body: { name: '孙丽', roles: ['coordinator'] } });
    await call('put', '/partners/{code}', { code: 'P-ZINC' }, { body: { name: '镀锌厂', process: '镀锌' } });
    await call('get', '/partners');
    const order = await call(
      'post',
      '/outsourcing-orders',
      {},
      {
        body: {
          partner: 'P-ZINC',
          productCode: 'SHF-200',
          quantity: 50,
          expectedReturnAt: '2026-11-27T14:00:00+08:00',
        },
      },
    );
    const number = String(order.json.number);
    await call('get', '/outsourcing-orders');
    await call('get', '/outsourcing-orders/{number}', { number });
    await call('patch', '/outsourcing-orders/{number}', { number }, { body: { notes: '加急' } });
    await call('post', '/equipment/{code}/hours', { code: 'EXT-01' }, { body: { hours: 12 } });
    expect((await call('get', '/trace/{code}', { code: 'ERP-1' })).json.kind).toBe('order');
    expect(
      (await call('get', '/trace/{code}', { code: 'L-2611-01' }, { query: '?kind=lot' })).json.kind,
    ).toBe('lot');
    const patrols = [await patrolOn(app, 'ERP-1', 5), await patrolOn(app, 'ERP-1', 3)];
    const firstPage = await call(
      'get',
      '/inspections',
      {},
      { query: '?workOrder=erp-1&kind=patrol&limit=1' },
    );
    expect(firstPage.json.items).toEqual([
      {
        id: patrols[0],
        kind: 'patrol',
        workOrder: 'ERP-1',
        operation: 10,
        operationName: '车削',
        inspector: 'lijianguo',
        at: '2026-11-23T00:00:00.000Z',
        accepted: 5,
        rejected: 0,
        rework: 0,
        reasonCode: null,
        note: '外径=25.01',
      },
    ]);
    const secondPage = await call(
      'get',
      '/inspections',
      {},
      { query: `?limit=1&cursor=${String(firstPage.json.nextCursor)}` },
    );
    expect([
      (secondPage.json.items as Array<{ id: number }>).map((i) => i.id),
      secondPage.json.nextCursor,
    ]).toEqual([[patrols[1]], null]);
    const inspection = await call('get', '/inspections/{id}', { id: String(patrols[1]) });
    expect([inspection.json.accepted, inspection.headers.get('etag')]).toEqual([
      3,
      expect.stringMatching(/^"/),
    ]);
    const ticket = await call('get', '/work-orders/{number}/ticket.pdf', { number: 'ERP-1' });
    expect([ticket.status, ticket.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const labels = await call('get', '/lot-labels.pdf', {}, { query: '?lots=L-2611-01' });
    expect([labels.status, labels.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const rate = { itemCode: 'SHF-200', sequence: 10, fenPerPiece: 50, effectiveFrom: '2026-11-01' };
    expect((await call('post', '/pay/rates', {}, { body: rate })).status).toBe(201);
    await call('get', '/pay/rates');
    await call('get', '/pay/earnings/{month}', { month: '2026-11' });
    const sheet = await call('get', '/pay/months/{month}/payroll.xlsx', { month: '2026-11' });
    expect([sheet.status, sheet.headers.get('content-type')]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);

    // Exceptions, and the webhook announcing one (to a receiver that never answers, then replayed).
    const hook = { name: 'erp-hook', url: 'http://127.0.0.1:9/hook', events: ['exception.raised'] };
    const subscribed = await call('post', '/webhooks', {}, { body: hook });
    expect(subscribed.json.secret).toMatch(/^whsec_/);
    await call('get', '/webhooks');
    const raised = await raiseExceptionOn(app, 'ERP-1', '缺料');
    const exceptions = await call('get', '/exceptions', {}, { query: '?status=raised&workOrder=erp-1' });
    expect(exceptions.json.items).toEqual([
      expect.objectContaining({ id: raised, ref: `E${raised}`, kind: 'material', workOrder: 'ERP-1' }),
    ]);
    expect((await call('get', '/exceptions/{id}', { id: `E${raised}` })).json.raisedBy).toBe('zhangwei');
    const log = await call('get', '/webhook-deliveries', {}, { query: '?subscription=erp-hook' });
    const [delivery] = log.json.items as Array<{ id: number; status: string }>;
    expect(delivery).toMatchObject({ eventType: 'exception.raised', status: 'pending' });
    await app.orm.em.fork().nativeUpdate(WebhookDelivery, { id: delivery!.id }, { status: 'dead' });
    const replayed = await call('post', '/webhook-deliveries/{id}/replay', { id: String(delivery!.id) });
    expect(replayed.json).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await call('delete', '/webhooks/{name}', { name: 'erp-hook' })).json.active).toBe(false);

    // Forms: rows of a form, declared or removed from factory.yaml (none here).
    expect((await call('get', '/form-submissions', {}, { query: '?form=machine-check' })).json.items).toEqual(
      [],
    );
    expect((await call('get', '/form-submissions')).status).toBe(400);

    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect([...succeeded].sort()).toEqual(operations.sort());
  });

  it('refuses every operation without a key (401) and with a key lacking its scope (403), as documented', async () => {
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const params = { code: 'X', number: 'X', id: 'x', lotNumber: 'X', month: '2026-11', name: 'x' };
        expect((await call(method, template, params, { key: null })).status).toBe(401);
        expect((await call(method, template, params, { key: none })).status).toBe(403);
      }
    }
  });

  it('answers refusals of the work-order routes with documented problems', async () => {
    await call('put', '/items/{code}', { code: 'AXL-9' }, { body: { name: '车轴' } });
    expect((await call('get', '/items/{code}', { code: 'NOPE' })).status).toBe(404);
    expect((await call('get', '/work-orders/{number}', { number: 'NOPE' })).status).toBe(404);
    const noItem = await call(
      'post',
      '/work-orders',
      {},
      { body: { item: 'NOPE', quantity: 1, dueDate: '2026-12-01' } },
    );
    expect(noItem).toMatchObject({ status: 422, json: { code: 'item_not_found' } });
    const bad = await call(
      'post',
      '/work-orders',
      {},
      { body: { item: 'AXL-9', quantity: 0, dueDate: 'soon' } },
    );
    expect(bad.status).toBe(400);
    expect((await call('get', '/work-orders', {}, { query: '?limit=500' })).status).toBe(400);
    expect((await call('get', '/work-reports', {}, { query: '?since=garbage' })).status).toBe(400);
    expect((await call('get', '/exceptions', {}, { query: '?status=open' })).status).toBe(400);
    expect((await call('get', '/exceptions', {}, { query: '?raisedFrom=yesterday' })).status).toBe(400);
    expect((await call('get', '/exceptions/{id}', { id: 'E999' })).status).toBe(404);
    expect((await call('get', '/inspections', {}, { query: '?kind=audit' })).status).toBe(400);
    expect((await call('get', '/inspections', {}, { query: '?from=today' })).status).toBe(400);
    expect((await call('get', '/inspections', {}, { query: '?workOrder=NOPE' })).json).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await call('get', '/inspections/{id}', { id: '999' })).status).toBe(404);
    expect((await call('get', '/inspections/{id}', { id: 'x' })).status).toBe(404);
    expect((await call('post', '/webhook-deliveries/{id}/replay', { id: '999' })).status).toBe(404);
    const badHook = { name: 'x', url: 'ftp://nowhere', events: ['nope'] };
    expect((await call('post', '/webhooks', {}, { body: badHook })).status).toBe(400);
    const routing = {
      steps: [
        { sequence: 10, name: 'a', standardMinutes: 1 },
        { sequence: 10, name: 'b', standardMinutes: 1 },
      ],
    };
    expect((await call('put', '/items/{code}/routing', { code: 'AXL-9' }, { body: routing })).status).toBe(
      400,
    );
    expect(
      (await call('put', '/items/{code}/routing', { code: 'NOPE' }, { body: { steps: [] } })).status,
    ).toBe(404);
  });
});
