import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { OutsourcingOrder } from '../../src/outsourcing/outsourcing-order.entity.js';
import { OutsourcingStateChange } from '../../src/outsourcing/state-change.entity.js';
import { startWorld, texts, type World } from './world.js';

/** Issue 16 item 5: outsourcing numbers come from a sequence; a taken number is a 409, not a 500. */
describe('outsourcing order numbers under concurrency', () => {
  let world: World;
  let erp: string;
  beforeAll(async () => {
    world = await startWorld();
    erp = await createApiKey(world.orm.em.fork(), 'ERP', ['outsourcing:write'], world.clock.now());
  });
  afterAll(async () => {
    await world.stop();
  });

  const post = async (extra: Record<string, unknown> = {}) => {
    const res = await fetch(`${world.baseUrl}/api/v1/outsourcing-orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${erp}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        partner: 'P-HEAT',
        productCode: 'BTN-01',
        quantity: 100,
        expectedReturnAt: '2026-11-27T14:00:00+08:00',
        ...extra,
      }),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      json: (await res.json()) as Record<string, unknown>,
    };
  };
  const postTogether = (count: number) => Promise.all(Array.from({ length: count }, () => post()));
  const sorted = (numbers: unknown[]) => numbers.map(String).sort();
  const day = (...ns: number[]) => ns.map((n) => `OS-20261123-${String(n).padStart(3, '0')}`);
  const rows = async () => ({
    orders: await world.orm.em.fork().count(OutsourcingOrder),
    changes: await world.orm.em.fork().count(OutsourcingStateChange),
  });

  it('five API creations at once all get 201 and the next numbers', async () => {
    // Before: each counted the day's orders; the losers of the race answered 500. The day's
    // sequence row does not exist yet, so its first insert is contended too.
    const answers = await postTogether(5);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(sorted(answers.map((a) => a.json.number))).toEqual(day(1, 2, 3, 4, 5));
  });

  it('five 外发 at once in chat all succeed with distinct consecutive numbers', async () => {
    const replies = await Promise.all(
      Array.from({ length: 5 }, (_, i) => world.as('sunli').say(`外发 精磨抛光 BTN-02 ${30 + i} 11-30`)),
    );
    const numbers = replies.map((r) => /^已建外发单 (OS-\d{8}-\d{3})：/.exec(texts(r)[0] ?? '')?.[1]);
    expect(sorted(numbers)).toEqual(day(6, 7, 8, 9, 10));
  });

  it('a number given ahead of the sequence is stepped over by the automatic ones', async () => {
    expect((await post({ number: 'OS-20261123-012' })).status).toBe(201);
    const answers = await postTogether(3);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(sorted(answers.map((a) => a.json.number))).toEqual(day(11, 13, 14));
  });

  it('a taken number is a 409 problem saying so, also when two arrive at once, and nothing changes', async () => {
    const before = await rows();
    const again = await post({ number: 'OS-20261123-012' });
    expect(again).toMatchObject({
      status: 409,
      type: 'application/problem+json',
      json: { code: 'number_taken', userMessage: '外发单号 OS-20261123-012 已经存在。' },
    });
    // Neither sees the other's order before inserting: the loser hits the unique key.
    const pair = await Promise.all([post({ number: 'ERP-77' }), post({ number: 'ERP-77' })]);
    expect(pair.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(pair.find((a) => a.status === 409)).toMatchObject({
      type: 'application/problem+json',
      json: { code: 'number_taken', number: 'ERP-77', userMessage: '外发单号 ERP-77 已经存在。' },
    });
    const after = await rows();
    expect(after).toEqual({ orders: before.orders + 1, changes: before.changes + 1 });
  });
});
