import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { PayEntry } from '../../src/pay/pay-entry.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { withoutDemoPay } from './unpriced-demo.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));

/** 张伟 turns shafts (WO-DEMO-001 车削) on the demo Tuesday, paid by the piece. */
describe('piece-rate pay', () => {
  let app: DemoApp;
  let payKey: string;
  const api = (method: string, path: string, key: string, body?: unknown) =>
    fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const entries = async () =>
    (await app.orm.em.fork().find(PayEntry, {}, { orderBy: { id: 'asc' } })).map((e) => e.fen);

  beforeAll(async () => {
    app = await startDemoApp();
    await withoutDemoPay(app.orm.em.fork());
    payKey = await createApiKey(app.orm.em.fork(), 'payroll', ['pay:read', 'pay:write'], app.clock.now());
    const rate = {
      itemCode: 'SHF-200',
      sequence: 10,
      fenPerPiece: 50,
      scrapFen: 20,
      effectiveFrom: '2026-11-01',
    };
    expect((await api('POST', '/pay/rates', payKey, rate)).status).toBe(201);
  });
  afterAll(() => app.stop());

  it('answers each report with what it earned and the day so far, in exact fen', async () => {
    const zhangwei = app.as('zhangwei');
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 5 报废 1')).at(-1)).toBe('本次 +¥2.30，今日 ¥2.30');
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 10')).at(-1)).toBe('本次 +¥5.00，今日 ¥7.30');
    expect(await entries()).toEqual([230, 500]);
  });

  it('pays a new rate from its day on without rewriting what was earned before', async () => {
    const newRate = { itemCode: 'SHF-200', sequence: 10, fenPerPiece: 60, effectiveFrom: '2026-11-24' };
    expect((await api('POST', '/pay/rates', payKey, newRate)).status).toBe(201);
    expect(texts(await app.as('zhangwei').say('完工 WO-DEMO-001 4')).at(-1)).toBe('本次 +¥2.40，今日 ¥9.70');
    expect(await entries()).toEqual([230, 500, 240]);
  });

  it('takes back an undone report at the rate it was paid, and the month adds up', async () => {
    const zhangwei = app.as('zhangwei');
    expect(texts(await zhangwei.say('撤销')).at(-1)).toBe('收入更正 -¥2.40（计入 2026-11-24）');
    expect(await entries()).toEqual([230, 500, 240, -240]);
    expect(texts(await zhangwei.say('本月收入'))).toEqual([
      '张伟 2026-11 计件收入 ¥7.30：\n- WO-DEMO-001 车削：合格 15 件 × ¥0.50，报废 1 件扣 ¥0.20 = ¥7.30',
    ]);
  });

  it('adds nothing to a report on an operation no rate covers', async () => {
    const answer = texts(await app.as('liuyang').say('完工 WO-DEMO-001 铣键槽 5'));
    expect(answer[0]).toMatch(/^已报工/);
    expect(answer.some((t) => t.startsWith('本次'))).toBe(false);
    expect(await entries()).toHaveLength(4);
  });

  it('shows a worker only their own pay, a lead their team’s, a supervisor anyone’s', async () => {
    const refused = '计件收入只能查看自己的；组长可以查看本组的人，主管可以查看所有人。';
    expect(texts(await app.as('liuyang').say('本月收入 张伟'))).toEqual([refused]);
    expect(texts(await app.as('zhoumin').say('今日收入 张伟'))).toEqual([refused]);
    expect(texts(await app.as('wangfang').say('今日收入 张伟'))[0]).toMatch(/^张伟 今日计件收入 ¥7\.30/);
    expect(texts(await app.as('lijianguo').say('本月收入 张伟 2026-11'))[0]).toMatch(
      /^张伟 2026-11 计件收入 ¥7\.30/,
    );
    expect(texts(await app.as('lijianguo').say('本月收入 2026-11 张伟'))[0]).toMatch(
      /^张伟 2026-11 计件收入 ¥7\.30/,
    );
    expect(texts(await app.as('lijianguo').say('本月收入 张伟 2026-11 全部'))[0]).toContain(
      '多余的内容：「全部」。',
    );
    expect(texts(await app.as('lijianguo').say('本月收入 张伟 2026-13'))).toEqual([
      '「2026-13」不是月份，请写成 2026-11、11月 或 上月。',
    ]);
    // A month as people say it: 11月, 本月, 上个月 (this test's clock is in November 2026).
    for (const word of ['11月', '本月', '2026年11月'])
      expect(texts(await app.as('lijianguo').say(`本月收入 张伟 ${word}`))[0]).toMatch(
        /^张伟 2026-11 计件收入 ¥7\.30/,
      );
    expect(texts(await app.as('lijianguo').say('本月收入 上个月 张伟'))[0]).toBe(
      '张伟 2026-10 没有计件收入。',
    );
    // 12月 in November is last December's, not one to come.
    expect(texts(await app.as('lijianguo').say('本月收入 张伟 12月'))[0]).toBe('张伟 2025-12 没有计件收入。');
  });

  it('gives payroll the month per person through the API, and nothing to a key without the pay scope', async () => {
    const month = await api('GET', '/pay/earnings/2026-11', payKey);
    expect(await month.json()).toEqual([{ personId: 'zhangwei', name: '张伟', fen: 730, good: 15 }]);
    const other = await createApiKey(app.orm.em.fork(), 'board', ['outsourcing:read'], app.clock.now());
    expect((await api('GET', '/pay/earnings/2026-11', other)).status).toBe(403);
    expect(
      (
        await api('POST', '/pay/rates', payKey, {
          itemCode: 'SHF-200',
          sequence: 10,
          fenPerPiece: 1.5,
          effectiveFrom: '2026-11-01',
        })
      ).status,
    ).toBe(400);
  });
});
