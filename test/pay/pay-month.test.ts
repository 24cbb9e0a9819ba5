import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { CardView } from '../../src/chat/cards/card-view.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { PayStatement } from '../../src/pay/month/pay-statement.entity.js';
import { PayEntry } from '../../src/pay/pay-entry.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { withoutDemoPay } from './unpriced-demo.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));
const cardOf = (replies: OutboundContent[]): CardView => {
  const card = replies.find((r) => r.kind === 'card');
  if (card?.kind !== 'card') throw new Error(`no card in ${JSON.stringify(texts(replies))}`);
  return card.card;
};

/**
 * November in the demo shop's 数控组: 车削 of SHF-200 is paid ¥0.50, then ¥0.60 from the 24th,
 * then ¥0.70 from the 26th, with ¥0.20 off a scrapped piece; 车削 of PIN-500 (WO-DEMO-005,
 * dispatched to the whole team) pays the team ¥0.07 a piece, shared equally by its four workers.
 */
describe('the pay month: close, statements, disputes, late corrections', () => {
  let app: DemoApp;
  let payKey: string;
  const at = (iso: string) => app.clock.set(iso);
  const api = (method: string, path: string, key: string, body?: unknown) =>
    fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const totals = async (month: string) => {
    const rows = await app.orm.em.fork().find(PayEntry, { month });
    const byPerson: Record<string, number> = {};
    for (const e of rows) byPerson[e.person.id] = (byPerson[e.person.id] ?? 0) + e.fen;
    return byPerson;
  };

  beforeAll(async () => {
    app = await startDemoApp();
    await withoutDemoPay(app.orm.em.fork());
    payKey = await createApiKey(app.orm.em.fork(), 'payroll', ['pay:read', 'pay:write'], app.clock.now());
    const rates = [
      { itemCode: 'SHF-200', sequence: 10, fenPerPiece: 50, scrapFen: 20, effectiveFrom: '2026-11-01' },
      { itemCode: 'SHF-200', sequence: 10, fenPerPiece: 60, scrapFen: 20, effectiveFrom: '2026-11-24' },
      { itemCode: 'SHF-200', sequence: 10, fenPerPiece: 70, scrapFen: 20, effectiveFrom: '2026-11-26' },
      { itemCode: 'PIN-500', sequence: 10, fenPerPiece: 7, teamId: 'cnc', effectiveFrom: '2026-11-01' },
    ];
    for (const rate of rates) expect((await api('POST', '/pay/rates', payKey, rate)).status).toBe(201);
  });
  afterAll(() => app.stop());

  it('adds up a month with two rate changes, a reversal, a team split and a scrap deduction, to the fen', async () => {
    const zhangwei = app.as('zhangwei');
    at('2026-11-20T02:00:00Z');
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 4')).at(-1)).toBe('本次 +¥2.00，今日 ¥2.00');
    at('2026-11-24T02:00:00Z');
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 10 报废 2')).at(-1)).toBe('本次 +¥5.60，今日 ¥5.60');
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 5')).at(-1)).toBe('本次 +¥3.00，今日 ¥8.60');
    expect(texts(await zhangwei.say('撤销')).at(-1)).toBe('收入更正 -¥3.00（计入 2026-11-24）');
    // 175 fen among huangtao, liuyang, yangfan, zhangwei: 43 each, the 3 fen left to the first three ids.
    const split = texts(await zhangwei.say('完工 WO-DEMO-005 25'));
    expect(split.slice(-2)).toEqual(['班组计件 +¥1.75，由 4 人分', '本次 +¥0.43，今日 ¥6.03']);
    // The team's line says what the team made and what fell to him: no 25 × ¥0.07 = ¥0.43.
    expect(texts(await zhangwei.say('今日收入'))).toEqual([
      [
        '张伟 今日计件收入 ¥6.03：',
        '- WO-DEMO-001 车削：合格 10 件 × ¥0.60，报废 2 件扣 ¥0.40 = ¥5.60',
        '- WO-DEMO-005 车削：班组合格 25 件 × ¥0.07，分得 ¥0.43',
      ].join('\n'),
    ]);
    at('2026-11-26T02:00:00Z');
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 10')).at(-1)).toBe('本次 +¥7.00，今日 ¥7.00');
    expect(texts(await app.as('liuyang').say('完工 WO-DEMO-006 4')).at(-1)).toBe('本次 +¥2.80，今日 ¥2.80');

    expect(await totals('2026-11')).toEqual({
      zhangwei: 200 + 560 + 300 - 300 + 43 + 700,
      liuyang: 44 + 280,
      huangtao: 44,
      yangfan: 44,
    });
  });

  it('closes the month only for a supervisor, once, and sends each worker a statement', async () => {
    at('2026-12-01T01:00:00Z');
    expect(texts(await app.as('wangfang').say('结算 2026-11'))[0]).toMatch(/只有/);
    expect(texts(await app.as('lijianguo').say('结算 2026-12'))).toEqual(['2026-12 还没过完，不能结算。']);
    expect(texts(await app.as('lijianguo').say('结算 2026-11'))).toEqual([
      '已结算 2026-11：4 人，合计 ¥19.15，工资条已发出。之后对 2026-11 的更正计入下一个未结算的月份。',
    ]);
    expect(texts(await app.as('lijianguo').say('结算 2026-11'))).toEqual([
      '2026-11 已经结算过了，不能再结算。',
    ]);
    const pushed = await app.orm.em.fork().find(OutboxMessage, { recipientKey: 'zhangwei' });
    const statement = pushed.map((m) => m.content).find((c) => c.kind === 'card');
    expect(statement?.kind === 'card' && statement.card.title).toBe('2026-11 工资条');
  });

  it('shows the statement: pieces by operation, rate, deductions, total', async () => {
    const card = cardOf(await app.as('zhangwei').say('工资条 2026-11'));
    expect(card.fields).toEqual([
      { label: '车削（PIN-500）', value: '班组合格 25 件 × ¥0.07，分得 ¥0.43' },
      { label: '车削（SHF-200）', value: '合格 4 件 × ¥0.50 = ¥2.00' },
      { label: '车削（SHF-200）', value: '合格 10 件 × ¥0.60，报废 2 件扣 ¥0.40 = ¥5.60' },
      { label: '车削（SHF-200）', value: '合格 10 件 × ¥0.70 = ¥7.00' },
      { label: '扣款合计', value: '¥0.40' },
      { label: '合计', value: '¥15.03' },
    ]);
    expect(card.buttons.map((b) => b.text)).toEqual(['确认', '有异议']);
  });

  it('refuses a worker another’s statement, and another team’s lead; the worker’s lead may look', async () => {
    const refused = ['计件收入只能查看自己的；组长可以查看本组的人，主管可以查看所有人。'];
    expect(texts(await app.as('liuyang').say('工资条 张伟 2026-11'))).toEqual(refused);
    expect(texts(await app.as('zhoumin').say('工资条 张伟'))).toEqual(refused);
    expect(cardOf(await app.as('wangfang').say('工资条 张伟 2026-11')).title).toBe('2026-11 工资条');
  });

  it('takes 确认 only from the statement’s own worker', async () => {
    const lead = app.as('wangfang');
    await lead.say('工资条 张伟 2026-11');
    expect(texts(await lead.say('1'))).toEqual(['这是别人的工资条，只有本人可以确认或提出异议。']);
    const zhangwei = app.as('zhangwei');
    await zhangwei.say('工资条');
    expect(texts(await zhangwei.say('1'))).toEqual(['已确认 2026-11 工资条。']);
    const mine = await app.orm.em
      .fork()
      .findOneOrFail(PayStatement, { person: 'zhangwei', month: '2026-11' });
    expect([mine.status, mine.fen]).toEqual(['confirmed', 1503]);
  });

  it('asks a disputing worker why, and puts the dispute on their lead’s list', async () => {
    const liuyang = app.as('liuyang');
    await liuyang.say('工资条');
    expect(texts(await liuyang.say('2'))).toEqual(['请写明对 2026-11 工资条的异议（哪里不对）：']);
    expect(texts(await liuyang.say('铣键槽没算钱'))).toEqual([
      '已把您对 2026-11 工资条的异议转给组长，处理后会通知您。',
    ]);
    const toLead = await app.orm.em.fork().find(OutboxMessage, { recipientKey: 'wangfang' });
    expect(toLead.map((m) => m.content)).toContainEqual({
      kind: 'text',
      text: '刘洋 对 2026-11 工资条（¥3.24）有异议：铣键槽没算钱\n发「异议列表」查看全部。',
    });
    expect(texts(await app.as('wangfang').say('异议列表'))).toEqual([
      '待处理的工资条异议：\n- 2026-11 刘洋 ¥3.24：铣键槽没算钱',
    ]);
    expect(texts(await app.as('zhoumin').say('异议列表'))).toEqual(['没有待处理的工资条异议。']);
    // Too long a reason is refused with its limit, not cut unseen; the statement stays as it was.
    expect(texts(await app.as('yangfan').say(`有异议 2026-11 ${'少'.repeat(501)}`))).toEqual([
      '原因最多 500 字（现在 501 字），请精简后重新发送。',
    ]);
    expect(texts(await app.as('yangfan').say('有异议 2026-11 少了'))).toEqual([
      '已把您对 2026-11 工资条的异议转给组长，处理后会通知您。',
    ]);
    expect(texts(await app.as('yangfan').say('有异议 2026-11 又少了'))).toEqual([
      '2026-11 工资条有异议，不能再改。',
    ]);
  });

  it('lets the lead settle a dispute of their team, tell the worker, and take it off the list', async () => {
    expect(texts(await app.as('zhoumin').say('处理异议 刘洋 2026-11 已核对'))).toEqual([
      '计件收入只能查看自己的；组长可以查看本组的人，主管可以查看所有人。',
    ]);
    expect(texts(await app.as('wangfang').say(`处理异议 刘洋 2026-11 ${'补'.repeat(501)}`))).toEqual([
      '说明最多 500 字（现在 501 字），请精简后重新发送。',
    ]);
    expect(texts(await app.as('wangfang').say('处理异议 刘洋 2026-11 铣键槽定价后补发'))).toEqual([
      '已处理 刘洋 的 2026-11 工资条异议，已通知本人。',
    ]);
    const toWorker = await app.orm.em.fork().find(OutboxMessage, { recipientKey: 'liuyang' });
    expect(toWorker.map((m) => m.content)).toContainEqual({
      kind: 'text',
      text: '您对 2026-11 工资条的异议已由王芳处理：铣键槽定价后补发',
    });
    expect(texts(await app.as('wangfang').say('处理异议 刘洋 2026-11 再次'))).toEqual([
      '2026-11 工资条异议已处理，没有待处理的异议。',
    ]);
    expect(texts(await app.as('lijianguo').say('异议列表'))).toEqual([
      '待处理的工资条异议：\n- 2026-11 杨帆 ¥0.44：少了',
    ]);
  });

  it('lands a correction of a closed month’s report in the next open month, pointing at the report', async () => {
    const em = app.orm.em.fork();
    const last = await em.findOneOrFail(
      WorkReport,
      { person: 'zhangwei', good: 10, scrap: 0 },
      { orderBy: { id: 'desc' } },
    );
    at('2026-12-01T02:00:00Z');
    expect(texts(await app.as('wangfang').say(`更正 B${last.id} 8`)).at(-1)).toBe(
      '收入更正 -¥1.40（原月份已结算，计入 2026-12）',
    );
    expect(await totals('2026-11')).toEqual({ zhangwei: 1503, liuyang: 324, huangtao: 44, yangfan: 44 });
    const late = await app.orm.em.fork().find(PayEntry, { month: '2026-12' });
    expect(late.map((e) => [e.person.id, e.fen, e.day, e.lateFor?.id])).toEqual([
      ['zhangwei', -140, '2026-12-01', last.id],
    ]);
  });

  it('gives payroll the month as a spreadsheet, and nothing to a key without the pay scope', async () => {
    const sheet = await api('GET', '/pay/months/2026-11/payroll.xlsx', payKey);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await sheet.arrayBuffer());
    const rows = workbook.worksheets[0]
      ?.getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([
      ['工号', '姓名', '班组', '合格数', '计件工资', '扣款', '上月更正', '实发计件', '确认状态'],
      ['huangtao', '黄涛', '数控组', 0, 0.44, 0, 0, 0.44, '待确认'],
      ['liuyang', '刘洋', '数控组', 4, 3.24, 0, 0, 3.24, '异议已处理'],
      ['yangfan', '杨帆', '数控组', 0, 0.44, 0, 0, 0.44, '有异议'],
      ['zhangwei', '张伟', '数控组', 24, 15.43, 0.4, 0, 15.03, '已确认'],
    ]);
    const other = await createApiKey(app.orm.em.fork(), 'board', ['outsourcing:read'], app.clock.now());
    expect((await api('GET', '/pay/months/2026-11/payroll.xlsx', other)).status).toBe(403);
  });
});
