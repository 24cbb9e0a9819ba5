import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { PayEntry } from '../../src/pay/pay-entry.entity.js';
import { splitFen } from '../../src/pay/team-split.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { withoutDemoPay } from './unpriced-demo.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));

/**
 * 安装支架 WO-DEMO-002: its last operation 去毛刺 (dispatched to 精整组) is reported by 胡杰 (30)
 * and 郭林 (10); 终检 rejects 4 for 尺寸超差 (D01, ¥0.50 a piece) and 2 for 毛刺 (B01, not priced).
 */
describe('scrap deduction by reject reason', () => {
  let app: DemoApp;
  const entries = async () =>
    (await app.orm.em.fork().find(PayEntry, { reasonCode: { $ne: null } }, { orderBy: { id: 'asc' } })).map(
      (e) => [e.person.id, e.fen, e.reasonCode, e.scrap, e.month],
    );

  beforeAll(async () => {
    app = await startDemoApp({
      factory: {
        ...defaultFactoryConfig,
        pay: { ...defaultFactoryConfig.pay, rejectDeductions: { D01: 50 } },
      },
    });
    await withoutDemoPay(app.orm.em.fork());
    const key = await createApiKey(app.orm.em.fork(), 'payroll', ['pay:write'], app.clock.now());
    const posted = await fetch(`${app.baseUrl}/api/v1/pay/rates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        itemCode: 'BRK-100',
        sequence: 30,
        fenPerPiece: 5,
        effectiveFrom: '2026-11-01',
      }),
    });
    expect(posted.status).toBe(201);
  });
  afterAll(() => app.stop());

  it('takes the deduction from the workers who made the operation, by their good pieces, to the fen', async () => {
    expect(texts(await app.as('hujie').say('完工 WO-DEMO-002 30')).at(-1)).toBe('本次 +¥1.50，今日 ¥1.50');
    expect(texts(await app.as('guolin').say('完工 WO-DEMO-002 10')).at(-1)).toBe('本次 +¥0.50，今日 ¥0.50');
    const answer = texts(await app.as('zhouqiang').say('终检 WO-DEMO-002 合格 34 不合格 4 原因 D01'));
    expect(answer.at(-1)).toBe('计件扣款：不合格 4 件（D01）共扣 ¥2.00，由做这道工序的 2 人承担');
    // 200 fen by 30:10 → 150 and 50.
    expect(await entries()).toEqual([
      ['guolin', -50, 'D01', 4, '2026-11'],
      ['hujie', -150, 'D01', 4, '2026-11'],
    ]);
  });

  it('deducts nothing for a reason the factory has not priced', async () => {
    await app.as('zhouqiang').say('终检 WO-DEMO-002 合格 0 不合格 2 原因 B01');
    expect(await entries()).toHaveLength(2);
  });

  it('shows the deduction in the worker’s month, by reason', async () => {
    expect(texts(await app.as('hujie').say('本月收入'))).toEqual([
      '胡杰 2026-11 计件收入 ¥0.00：\n- WO-DEMO-002 去毛刺：合格 30 件 × ¥0.05 = ¥1.50\n- 终检不合格 4 件（D01）扣款 = -¥1.50',
    ]);
  });

  it('hands the leftover fen out by the configured rule', () => {
    const weights = [
      { personId: 'b', weight: 1 },
      { personId: 'a', weight: 1 },
      { personId: 'c', weight: 2 },
    ];
    // 10 fen by 1:1:2 → 2.5, 2.5, 5: one fen left.
    expect(splitFen(10, weights)).toEqual([
      { personId: 'a', fen: 3 },
      { personId: 'b', fen: 2 },
      { personId: 'c', fen: 5 },
    ]);
    // 7 fen by 1:1:2 → 1.75, 1.75, 3.5: floors 1, 1, 3; personOrder gives the two fen to a and b.
    expect(splitFen(7, weights, 'personOrder')).toEqual([
      { personId: 'a', fen: 2 },
      { personId: 'b', fen: 2 },
      { personId: 'c', fen: 3 },
    ]);
    // largestFraction: .75, .75, .5 → a and b as well; with 6 fen: 1.5, 1.5, 3 → a (tie, lower id).
    expect(splitFen(6, weights, 'largestFraction')).toEqual([
      { personId: 'a', fen: 2 },
      { personId: 'b', fen: 1 },
      { personId: 'c', fen: 3 },
    ]);
    expect(splitFen(5, [...weights, { personId: 'd', weight: 0 }], 'personOrder')).toEqual([
      { personId: 'a', fen: 2 },
      { personId: 'b', fen: 1 },
      { personId: 'c', fen: 2 },
      { personId: 'd', fen: 0 },
    ]);
  });
});
