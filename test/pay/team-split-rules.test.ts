import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { PayEntry } from '../../src/pay/pay-entry.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { withoutDemoPay } from './unpriced-demo.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));

/** WO-DEMO-005 (PIN-500 车削) is dispatched to the whole 数控组; the team rate is ¥0.07 a piece. */
describe('a team rate shared by fixed shares', () => {
  let app: DemoApp;
  const entries = async () =>
    (await app.orm.em.fork().find(PayEntry, {}, { orderBy: { id: 'asc' } })).map((e) => [e.person.id, e.fen]);

  beforeAll(async () => {
    app = await startDemoApp({
      factory: {
        ...defaultFactoryConfig,
        pay: { ...defaultFactoryConfig.pay, teamSplit: 'shares', shares: { zhangwei: 3, liuyang: 1 } },
      },
    });
    await withoutDemoPay(app.orm.em.fork());
    const key = await createApiKey(app.orm.em.fork(), 'payroll', ['pay:write'], app.clock.now());
    const rate = {
      itemCode: 'PIN-500',
      sequence: 10,
      fenPerPiece: 7,
      teamId: 'cnc',
      effectiveFrom: '2026-11-01',
    };
    const posted = await fetch(`${app.baseUrl}/api/v1/pay/rates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(rate),
    });
    expect(posted.status).toBe(201);
  });
  afterAll(() => app.stop());

  it('pays the members with shares by their shares, the leftover fen to the larger fraction', async () => {
    // 175 fen by 3:1 → 131.25 and 43.75: floors 131 and 43, the fen left to liuyang (.75).
    const answer = texts(await app.as('yangfan').say('完工 WO-DEMO-005 25'));
    expect(answer.slice(-1)).toEqual(['班组计件 +¥1.75，由 2 人分']);
    expect(await entries()).toEqual([
      ['liuyang', 44],
      ['zhangwei', 131],
    ]);
  });

  it('takes an undone team report back from each member exactly as paid', async () => {
    expect(texts(await app.as('yangfan').say('撤销')).at(-1)).toBe(
      '收入更正 -¥1.75，由 2 人分担（计入 2026-11-24）',
    );
    expect((await entries()).slice(2)).toEqual([
      ['liuyang', -44],
      ['zhangwei', -131],
    ]);
  });
});

describe('a team rate shared by the hours reported on the task', () => {
  let app: DemoApp;
  const entries = async () =>
    (await app.orm.em.fork().find(PayEntry, {}, { orderBy: { id: 'asc' } })).map((e) => [e.person.id, e.fen]);

  beforeAll(async () => {
    app = await startDemoApp({
      factory: { ...defaultFactoryConfig, pay: { ...defaultFactoryConfig.pay, teamSplit: 'hours' } },
    });
    await withoutDemoPay(app.orm.em.fork());
    const key = await createApiKey(app.orm.em.fork(), 'payroll', ['pay:write'], app.clock.now());
    const rate = {
      itemCode: 'PIN-500',
      sequence: 10,
      fenPerPiece: 7,
      teamId: 'cnc',
      effectiveFrom: '2026-11-01',
    };
    const posted = await fetch(`${app.baseUrl}/api/v1/pay/rates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(rate),
    });
    expect(posted.status).toBe(201);
  });
  afterAll(() => app.stop());

  it('pays by the minutes each member reported on the task this month', async () => {
    await app.as('zhangwei').say('开工 WO-DEMO-005');
    app.clock.advance(60 * 60_000);
    await app.as('zhangwei').say('完工 WO-DEMO-005 10');
    // Only 张伟 has minutes so far: the whole 70 fen are his.
    expect(await entries()).toEqual([['zhangwei', 70]]);
    app.clock.advance(20 * 60_000);
    await app.as('liuyang').say('完工 WO-DEMO-005 10');
    // 70 fen by 60 : 20 minutes → 52.5 and 17.5: floors 52 and 17, the tie for the fen left goes to liuyang.
    expect((await entries()).slice(1)).toEqual([
      ['liuyang', 18],
      ['zhangwei', 52],
    ]);
  });
});
