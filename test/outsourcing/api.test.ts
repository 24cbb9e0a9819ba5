import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../src/chat/audit/audit-entry.entity.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { OutsourcingStateChange } from '../../src/outsourcing/state-change.entity.js';
import { OutsourcingOrder } from '../../src/outsourcing/outsourcing-order.entity.js';
import { Partner } from '../../src/outsourcing/partner.entity.js';
import { personByIdentity } from '../../src/people/directory.js';
import { Person } from '../../src/people/person.entity.js';
import { outsourcingYaml, startWorld, type World } from './world.js';

const customFields = `
outsourcing:
  customFields:
    type: object
    required: [plating]
    properties:
      plating: { type: string, title: 镀层, enum: [镀镍, 镀铬] }
      thicknessUm: { type: number, title: 镀层厚度, minimum: 0 }
`;

describe('the outsourcing API: partners and orders for the ERP', () => {
  let world: World;
  let erp: string;
  let reader: string;
  beforeAll(async () => {
    world = await startWorld({ factory: `${outsourcingYaml}${customFields}` });
    erp = await createApiKey(
      world.orm.em.fork(),
      'ERP',
      ['outsourcing:write', 'outsourcing:read'],
      world.clock.now(),
    );
    reader = await createApiKey(world.orm.em.fork(), 'screen', ['outsourcing:read'], world.clock.now());
  });
  afterAll(async () => {
    await world.stop();
  });

  const call = async (method: string, path: string, body?: unknown, key = erp) => {
    const res = await fetch(`${world.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      json: (await res.json()) as Record<string, unknown>,
    };
  };
  const newOrder = (extra: Record<string, unknown> = {}) => ({
    partner: 'P-PLATING',
    productCode: 'BTN-01',
    quantity: 2000,
    expectedReturnAt: '2026-11-27T14:00:00+08:00',
    customFields: { plating: '镀镍', thicknessUm: 8 },
    ...extra,
  });

  it('upserts a partner with its contacts, who the bot then knows as partner people', async () => {
    const res = await call('PUT', '/partners/P-ZINC', {
      name: '锌盛五金',
      process: '镀锌',
      contacts: [{ id: 'zhaogong', name: '赵工', wecom: 'zhaogong-wx', phone: '13900000001', primary: true }],
    });
    expect(res).toMatchObject({ status: 200 });
    expect(res.json).toEqual({
      code: 'P-ZINC',
      name: '锌盛五金',
      process: '镀锌',
      active: true,
      contacts: [{ id: 'zhaogong', name: '赵工', phone: '13900000001', primary: true }],
    });
    expect((await personByIdentity(world.orm.em.fork(), 'wecom', 'zhaogong-wx'))?.roles).toEqual(['partner']);
    const list = await call('GET', '/partners', undefined, reader);
    expect((list.json as unknown as Array<{ code: string }>).map((p) => p.code)).toEqual([
      'P-HEAT',
      'P-PLATING',
      'P-POLISH',
      'P-ZINC',
    ]);
  });

  it('creates an order the ERP numbers itself, with custom fields checked against factory.yaml', async () => {
    const res = await call('POST', '/outsourcing-orders', newOrder({ number: 'ERP-7001', workOrder: null }));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      number: 'ERP-7001',
      partner: 'P-PLATING',
      state: 'shipped',
      stateName: '已发货',
      process: '电镀',
      contact: 'chenshifu',
      expectedReturnAt: '2026-11-27T06:00:00.000Z',
      customFields: { plating: '镀镍', thicknessUm: 8 },
    });
    const again = await call('POST', '/outsourcing-orders', newOrder({ number: 'ERP-7001' }));
    expect(again).toMatchObject({ status: 409, json: { code: 'number_taken' } });
  });

  it('refuses bad custom fields, an unknown partner and a malformed body with problem+json, creating nothing', async () => {
    const bad = await call(
      'POST',
      '/outsourcing-orders',
      newOrder({ customFields: { plating: '镀金', thicknessUm: -1 } }),
    );
    expect(bad.status).toBe(422);
    expect(bad.type).toMatch(/problem\+json/);
    expect(bad.json).toMatchObject({ code: 'custom_fields_invalid' });
    expect(bad.json.userMessage).toBe('自定义字段不符合要求：镀层 只能是 镀镍、镀铬；镀层厚度 不能小于 0。');
    const missing = await call('POST', '/outsourcing-orders', newOrder({ customFields: {} }));
    expect(missing.json.userMessage).toBe('自定义字段不符合要求：镀层 必须填写。');
    const unknown = await call('POST', '/outsourcing-orders', newOrder({ partner: 'P-NOPE' }));
    expect(unknown).toMatchObject({
      status: 422,
      json: { code: 'partner_not_found', userMessage: '没有找到外协厂「P-NOPE」。' },
    });
    const malformed = await call(
      'POST',
      '/outsourcing-orders',
      newOrder({ quantity: 0, expectedReturnAt: 'friday' }),
    );
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors).toEqual(
      expect.arrayContaining([
        'body.quantity: must be >= 1',
        expect.stringMatching(/^body\.expectedReturnAt: must match pattern/),
      ]),
    );
    const list = await call('GET', '/outsourcing-orders?partner=P-NOPE');
    expect(list.json).toEqual([]);
  });

  it('moves an order along the configured transitions only, recording the ERP as the changer', async () => {
    const { json } = await call('POST', '/outsourcing-orders', newOrder());
    const number = String(json.number);
    const refused = await call('PATCH', `/outsourcing-orders/${number}`, { state: 'done' });
    expect(refused).toMatchObject({
      status: 422,
      json: { code: 'transition_not_allowed', allowed: ['processing'], from: 'shipped', to: 'done' },
    });
    const moved = await call('PATCH', `/outsourcing-orders/${number}`, {
      state: 'processing',
      expectedReturnAt: '2026-11-28T10:00:00+08:00',
    });
    expect(moved).toMatchObject({
      status: 200,
      json: { state: 'processing', expectedReturnAt: '2026-11-28T02:00:00.000Z' },
    });
    const changes = await world.orm.em
      .fork()
      .find(OutsourcingStateChange, { order: { number } }, { orderBy: { id: 'asc' } });
    expect(changes.map((c) => [c.toState, c.actorId, c.channel])).toEqual([
      ['shipped', null, 'api'],
      ['processing', null, 'api'],
    ]);
  });

  it('keeps who moved the expected return, and does not log a PATCH that left it where it was', async () => {
    const { json } = await call('POST', '/outsourcing-orders', newOrder());
    const number = String(json.number);
    await call('PATCH', `/outsourcing-orders/${number}`, { expectedReturnAt: '2026-11-29T09:00:00+08:00' });
    await call('PATCH', `/outsourcing-orders/${number}`, { expectedReturnAt: '2026-11-29T01:00:00.000Z' });
    const em = world.orm.em.fork();
    const order = await em.findOneOrFail(OutsourcingOrder, { number });
    const entries = await em.find(AuditEntry, {
      action: 'outsourcing.return_rescheduled',
      subjectId: String(order.id),
    });
    expect(entries.map((e) => [e.actorId, e.channel, e.details])).toEqual([
      [
        expect.stringMatching(/^api:/),
        'api',
        { number, from: '2026-11-27T06:00:00.000Z', to: '2026-11-29T01:00:00.000Z', reason: null },
      ],
    ]);
  });

  it('lists open orders by default and filters by partner and state; scopes are enforced', async () => {
    await call('POST', '/outsourcing-orders', newOrder({ partner: 'P-HEAT', number: 'ERP-HEAT-1' }));
    const heat = await call('GET', '/outsourcing-orders?partner=P-HEAT', undefined, reader);
    expect((heat.json as unknown as Array<{ number: string }>).map((o) => o.number)).toEqual(['ERP-HEAT-1']);
    const processing = await call('GET', '/outsourcing-orders?state=processing', undefined, reader);
    expect(
      (processing.json as unknown as Array<{ state: string }>).every((o) => o.state === 'processing'),
    ).toBe(true);
    const one = await call('GET', '/outsourcing-orders/ERP-HEAT-1', undefined, reader);
    expect(one.json).toMatchObject({ number: 'ERP-HEAT-1', partner: 'P-HEAT', contact: 'lijingli' });
    const forbidden = await call('POST', '/outsourcing-orders', newOrder(), reader);
    expect(forbidden).toMatchObject({ status: 403, json: { code: 'missing_scope' } });
  });

  it('publishes the outsourcing routes in the OpenAPI document with their scopes', async () => {
    const doc = (await (await fetch(`${world.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { 'x-required-scope': string }>>;
    };
    expect(doc.paths['/outsourcing-orders']?.post?.['x-required-scope']).toBe('outsourcing:write');
    expect(doc.paths['/outsourcing-orders/{number}']?.patch?.['x-required-scope']).toBe('outsourcing:write');
    expect(doc.paths['/partners/{code}']?.put?.['x-required-scope']).toBe('outsourcing:write');
    expect(doc.paths['/outsourcing-orders']?.get?.['x-required-scope']).toBe('outsourcing:read');
  });

  describe('given a key that may manage partners but not people', () => {
    const identityOf = async (platform: string, externalId: string) =>
      (await personByIdentity(world.orm.em.fork(), platform, externalId))?.id;

    it('refuses to take over the supervisor through a partner contact, changing nothing', async () => {
      const res = await call('PUT', '/partners/P-EVIL', {
        name: '恶意外协',
        process: '电镀',
        contacts: [{ id: 'lijianguo', name: '李建国', wecom: 'attacker01' }],
      });
      expect(res.status).toBe(403);
      expect(res.type).toMatch(/problem\+json/);
      expect(res.json).toMatchObject({ code: 'people_write_required', contact: 'lijianguo' });
      expect(await identityOf('wecom', 'attacker01')).toBeUndefined();
      expect(await identityOf('wecom', 'lijianguo')).toBe('lijianguo');
      expect((await world.orm.em.fork().findOne(Person, 'lijianguo'))?.roles).toEqual(['supervisor']);
      expect(await world.orm.em.fork().findOne(Partner, 'P-EVIL')).toBeNull();
    });

    it('refuses to give a new contact the chat account of someone else, or to turn a worker into a partner', async () => {
      const stolen = await call('PUT', '/partners/P-EVIL', {
        name: '恶意外协',
        process: '电镀',
        contacts: [{ id: 'mole', name: '内鬼', wecom: 'lijianguo' }],
      });
      expect(stolen).toMatchObject({
        status: 403,
        json: { code: 'people_write_required', platform: 'wecom' },
      });
      expect(await identityOf('wecom', 'lijianguo')).toBe('lijianguo');
      const worker = await call('PUT', '/partners/P-EVIL', {
        name: '恶意外协',
        process: '电镀',
        contacts: [{ id: 'zhangwei', name: '张伟' }],
      });
      expect(worker).toMatchObject({
        status: 403,
        json: { code: 'people_write_required', contact: 'zhangwei' },
      });
      expect((await world.orm.em.fork().findOne(Person, 'zhangwei'))?.roles).toEqual(['worker']);
      expect(await world.orm.em.fork().findOne(Person, 'mole')).toBeNull();
    });

    it('still edits its own contacts, and a key with people:write may bind anyone', async () => {
      const own = await call('PUT', '/partners/P-PLATING', {
        name: '华美电镀',
        process: '电镀',
        contacts: [{ id: 'chenshifu', name: '陈师傅', wecom: 'chenshifu-new', primary: true }],
      });
      expect(own.status).toBe(200);
      expect(await identityOf('wecom', 'chenshifu-new')).toBe('chenshifu');
      const hr = await createApiKey(
        world.orm.em.fork(),
        'HR+ERP',
        ['outsourcing:write', 'people:write'],
        world.clock.now(),
      );
      const moved = await call(
        'PUT',
        '/partners/P-HEAT',
        {
          name: '恒力热处理',
          process: '热处理',
          contacts: [{ id: 'liuyang', name: '刘洋', wecom: 'liuyang' }],
        },
        hr,
      );
      expect(moved.status).toBe(200);
      expect((await world.orm.em.fork().findOne(Person, 'liuyang'))?.roles).toEqual(['worker', 'partner']);
    });

    it('names the missing scope in a 403 but never the scopes the key holds', async () => {
      const res = await fetch(`${world.baseUrl}/api/v1/outsourcing-orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${reader}`, 'content-type': 'application/json' },
        body: JSON.stringify(newOrder()),
      });
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ code: 'missing_scope', required: 'outsourcing:write' });
      expect(text).not.toContain('outsourcing:read');
      expect(text).not.toContain('granted');
    });
  });
});
