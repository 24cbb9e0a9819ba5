import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { outsourcingYaml, startWorld, type World } from '../outsourcing/world.js';
import { tableSnapshot } from './table-snapshot.js';

/** Issue 16 item 6: every API field bounded, answered with problem+json naming it; nothing changes. */
describe('the API refuses out-of-bounds input with a problem naming the field', () => {
  let world: World;
  let erp: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    world = await startWorld({ factory: outsourcingYaml });
    erp = await createApiKey(
      world.orm.em.fork(),
      'ERP',
      ['outsourcing:write', 'outsourcing:read', 'people:write'],
      world.clock.now(),
    );
    const created = await call('POST', '/outsourcing-orders', newOrder({ number: 'ERP-1' }));
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await world.stop();
  });
  // A refusal still records the key's last use; nothing else may move.
  const snapshot = () => tableSnapshot(world.orm, ['api_keys']);
  beforeEach(async () => {
    before = await snapshot();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${world.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${erp}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
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
    ...extra,
  });
  const expectRefused = async (
    response: Promise<{ status: number; type: string; json: Record<string, unknown> }>,
    status: number,
    naming: RegExp,
  ) => {
    const res = await response;
    expect(res.status).toBe(status);
    expect(res.type).toMatch(/problem\+json/);
    expect(JSON.stringify(res.json)).toMatch(naming);
    expect(await snapshot()).toEqual(before);
  };

  it('quantities past INT or the batch ceiling: 2147483648, 1e20, 1000001', async () => {
    for (const quantity of [2147483648, 1e20, 1_000_001]) {
      await expectRefused(call('POST', '/outsourcing-orders', newOrder({ quantity })), 400, /body\.quantity/);
    }
    await expectRefused(
      call('PATCH', '/outsourcing-orders/ERP-1', { state: 'returned', returnedQuantity: 2147483648 }),
      400,
      /body\.returnedQuantity/,
    );
  });

  it('times outside 2000 … five years ahead, offset-aware: 9999-12-31T23:59-12:00 and 0000-01-01', async () => {
    for (const expectedReturnAt of [
      '9999-12-31T23:59-12:00',
      '0000-01-01T00:00:00Z',
      '1999-12-31T23:59:59Z',
      '2031-11-24T00:00:00+08:00',
    ]) {
      await expectRefused(
        call('POST', '/outsourcing-orders', newOrder({ expectedReturnAt })),
        422,
        /"field":"expectedReturnAt"/,
      );
      await expectRefused(
        call('PATCH', '/outsourcing-orders/ERP-1', { expectedReturnAt }),
        422,
        /"field":"expectedReturnAt"/,
      );
    }
    // A bare date is not a time at all.
    await expectRefused(
      call('POST', '/outsourcing-orders', newOrder({ expectedReturnAt: '0000-01-01' })),
      400,
      /body\.expectedReturnAt/,
    );
    await expectRefused(
      call('POST', '/outsourcing-orders', newOrder({ shipDate: '2026-02-31' })),
      422,
      /"field":"shipDate"/,
    );
    // Five years ahead to the day, at the other side of the date line, is still inside.
    const edge = await call('PATCH', '/outsourcing-orders/ERP-1', {
      expectedReturnAt: '2031-11-22T12:00-12:00',
    });
    expect(edge.status).toBe(200);
  });

  it('text longer than its column: a 101-character customer, a 65-character contact id', async () => {
    await expectRefused(
      call('POST', '/outsourcing-orders', newOrder({ customer: '客'.repeat(101) })),
      400,
      /body\.customer: must NOT have more than 100 characters/,
    );
    await expectRefused(
      call('PATCH', '/outsourcing-orders/ERP-1', { customer: '客'.repeat(101) }),
      400,
      /body\.customer/,
    );
    await expectRefused(
      call('POST', '/outsourcing-orders', newOrder({ coordinator: 'x'.repeat(65) })),
      400,
      /body\.coordinator/,
    );
    await expectRefused(
      call('PUT', '/people/sunli', { name: '孙丽', roles: ['worker'], team: 't'.repeat(65) }),
      400,
      /body\.team/,
    );
  });

  it('customFields or any body nested 3,000 deep', async () => {
    const deep = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    const body = `{"partner":"P-PLATING","productCode":"BTN-01","quantity":5,"expectedReturnAt":"2026-11-27T14:00:00+08:00","customFields":${deep}}`;
    await expectRefused(call('POST', '/outsourcing-orders', body), 400, /nests deeper than 32 levels/);
    await expectRefused(
      call('PATCH', '/outsourcing-orders/ERP-1', `{"customFields":${deep}}`),
      400,
      /nests deeper than 32 levels/,
    );
  });

  it('path ids longer than any id column, and ids longer than their own column', async () => {
    const long = 'P'.repeat(5000);
    await expectRefused(call('PUT', `/partners/${long}`, { name: '长', process: '电镀' }), 400, /path\.code/);
    await expectRefused(call('GET', `/outsourcing-orders/${long}`), 400, /path\.number/);
    await expectRefused(call('PATCH', `/outsourcing-orders/${long}`, { notes: 'x' }), 400, /path\.number/);
    await expectRefused(call('PUT', `/people/${long}`, { name: '长', roles: ['worker'] }), 400, /path\.id/);
    // 33 characters pass the path bound but not partners.code (32): still a refusal, not a 500.
    await expectRefused(
      call('PUT', `/partners/${'P'.repeat(33)}`, { name: '长', process: '电镀' }),
      422,
      /"code":"field_too_long".*"field":"code"/,
    );
  });
});
