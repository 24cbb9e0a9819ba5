import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { productionDay } from '../../src/shared/production-day.js';
import { buildDailyFigures } from '../../src/digest/daily-figures.js';
import { digestMarkdown } from '../../src/digest/messages.js';
import { PointEntry } from '../../src/incentives/point-entry.entity.js';
import { PayEntry } from '../../src/pay/pay-entry.entity.js';
import { addRate } from '../../src/pay/rates-service.js';
import { MaterialLot } from '../../src/materials/material-lot.entity.js';
import { MaterialIssue } from '../../src/materials/material-issue.entity.js';
import { readWrittenQuantity, isDivisible } from '../../src/materials/units.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { lastReportLabel } from '../support/reports.js';

const texts = (replies: OutboundContent[]) =>
  replies.filter((r) => r.kind === 'text').map((r) => (r.kind === 'text' ? r.text : ''));

describe('every record made in chat is the one the person meant', () => {
  let app: DemoApp;
  beforeEach(async () => {
    app = await startDemoApp();
  });
  afterEach(async () => {
    await app.stop();
  });

  const task = async (number: string, sequence: number) =>
    app.orm.em.fork().findOneOrFail(OperationTask, { workOrder: { number }, sequence });
  const reportCount = async () => app.orm.em.fork().count(WorkReport, {});
  /** zhangwei's seeded report of 12 good and 1 scrap on WO-DEMO-003. */
  const seededReport = async () =>
    app.orm.em.fork().findOneOrFail(WorkReport, { task: { workOrder: { number: 'WO-DEMO-003' } }, good: 12 });

  it('a bare number beside an order with several open operations of mine is asked about, and the answer is taken', async () => {
    await app.as('wangfang').say('派工 WO-DEMO-001 30 @张伟');
    const zhangwei = app.as('zhangwei');
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 10'))).toEqual([
      '「10」可能是工序号，也可能是数量，所以先问清楚。工单 WO-DEMO-001 有多道工序分给了您，是哪道工序？请回复工序号：10 车削、30 磨削。下次可以一次写全，例如「完工 WO-DEMO-001 工序10 <合格数>」。',
    ]);
    expect(texts(await zhangwei.say('10'))).toEqual([
      'WO-DEMO-001「车削」完工多少件？还剩 38 件。回复数量即可，例如「38」或「38 报废 2」。',
    ]);
    expect(texts(await zhangwei.say('5'))).toEqual([
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-001「车削」合格 5 件。还剩 33 件。`,
    ]);
    const question =
      '工单 WO-DEMO-001 有多道工序分给了您，合格 3 件报在哪道工序？请回复工序号：10 车削、30 磨削。下次可以一次写全，例如「完工 WO-DEMO-001 工序10 3」。';
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 3'))).toEqual([question]);
    expect(texts(await zhangwei.say('磨'))).toEqual([`「磨」不是下面的工序之一。${question}`]);
    expect(texts(await zhangwei.say('工序30'))).toEqual([
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-001「磨削」合格 3 件。还剩 37 件。`,
    ]);
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 工序 10 2'))).toEqual([
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-001「车削」合格 2 件。还剩 31 件。`,
    ]);
    expect(await task('WO-DEMO-001', 10)).toMatchObject({ goodTotal: 87 });
    expect(await task('WO-DEMO-001', 30)).toMatchObject({ goodTotal: 3 });
  });

  it('with one open operation a bare number is the quantity', async () => {
    expect(texts(await app.as('zhangwei').say('完工 WO-DEMO-003 10'))).toEqual([
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-003「车削」合格 10 件。还剩 29 件。`,
    ]);
    expect(await task('WO-DEMO-003', 10)).toMatchObject({ goodTotal: 30 });
  });

  it('refuses fractions of pieces and stores nothing', async () => {
    const before = await reportCount();
    const zhangwei = app.as('zhangwei');
    expect(texts(await zhangwei.say('完工 WO-DEMO-003 10.5'))).toEqual([
      '合格数必须是不小于 0 的整数：零件按件计，不能报「10.5」件。请重新报工，例如「完工 工单号 10」。',
    ]);
    expect(texts(await zhangwei.say('完工 WO-DEMO-003 0.4'))).toEqual([
      '合格数必须是不小于 0 的整数：零件按件计，不能报「0.4」件。请重新报工，例如「完工 工单号 10」。',
    ]);
    expect(texts(await zhangwei.say('完工 WO-DEMO-003 5 报废 0.5'))).toEqual([
      '报废数必须是不小于 0 的整数：零件按件计，不能报「0.5」件。请重新报工，例如「完工 工单号 10」。',
    ]);
    expect(await reportCount()).toBe(before);
    expect(await task('WO-DEMO-003', 10)).toMatchObject({ goodTotal: 20, scrapTotal: 1 });
  });

  it('refuses a negative count as one, not as an operation named "-3", and stores nothing', async () => {
    const before = await reportCount();
    const zhangwei = app.as('zhangwei');
    const usage = '用法：完工 <工单号> [<工序，如 工序10>] [<合格数>] [报废 <报废数>]';
    expect(texts(await zhangwei.say('完工 WO-DEMO-003 -3'))).toEqual([
      `合格数不能是负数，您写了「-3」。\n${usage}`,
    ]);
    expect(texts(await zhangwei.say('完工 WO-DEMO-003 工序10 －3'))).toEqual([
      `合格数不能是负数，您写了「-3」。\n${usage}`,
    ]);
    expect(texts(await zhangwei.say('完工 WO-DEMO-003 5 报废 负2'))).toEqual([
      `报废数不能是负数，您写了「负2」。\n${usage}`,
    ]);
    expect(await reportCount()).toBe(before);
  });

  it('领料 understands the lot’s unit and answers with what it stored', async () => {
    const zhangwei = app.as('zhangwei');
    expect(texts(await zhangwei.say('领料 WO-DEMO-001 L2611-B45-01 150kg'))).toEqual([
      '已领料：批次 L2611-B45-01 150kg 用于 WO-DEMO-001，该批次还剩 470kg。',
    ]);
    expect(texts(await zhangwei.say('领料 WO-DEMO-001 L2611-B45-01 2.5公斤'))).toEqual([
      '已领料：批次 L2611-B45-01 2.5kg 用于 WO-DEMO-001，该批次还剩 467.5kg。',
    ]);
    expect(texts(await zhangwei.say('领料 WO-DEMO-001 L2611-B45-01 3米'))).toEqual([
      '批次 L2611-B45-01 以「kg」计，不能按「米」领料。请写 kg 数，例如 150kg。',
    ]);
    expect(texts(await zhangwei.say('领料 WO-DEMO-001 L2611-B45-01 1.2345kg'))).toEqual([
      '「1.2345kg」不是有效的领料数量。请写数字，可带单位，例如 150、150kg 或 2.5kg（最多 3 位小数）。',
    ]);
    expect((await app.orm.em.fork().findOneOrFail(MaterialLot, 'L2611-B45-01')).remaining).toBe(467.5);
    const issued = await app.orm.em
      .fork()
      .find(MaterialIssue, { lot: 'L2611-B45-01' }, { orderBy: { id: 'asc' } });
    expect(issued.map((i) => i.quantity)).toEqual([180, 150, 2.5]);
  });

  it('pieces take no decimals; weights do, and a unit is read off the number', () => {
    expect(readWrittenQuantity('150kg')).toEqual({ value: 150, unit: 'kg' });
    expect(readWrittenQuantity('五十公斤')).toEqual({ value: 50, unit: '公斤' });
    expect(readWrittenQuantity('1.2345')).toBeUndefined();
    expect([isDivisible('件'), isDivisible('kg'), isDivisible('箱')]).toEqual([false, true, false]);
  });

  it('撤销 reverses my own last report within the window, once', async () => {
    const zhangwei = app.as('zhangwei');
    await zhangwei.say('完工 WO-DEMO-003 5');
    const label = await lastReportLabel(app.orm);
    expect(texts(await zhangwei.say('撤销'))).toEqual([
      `已撤销报工 ${label}：WO-DEMO-003「车削」合格 5 件不再计入。还剩 39 件。`,
    ]);
    expect(await task('WO-DEMO-003', 10)).toMatchObject({ goodTotal: 20, scrapTotal: 1 });
    const reversal = await app.orm.em.fork().findOneOrFail(WorkReport, { reverses: Number(label.slice(1)) });
    expect(reversal).toMatchObject({ good: -5, scrap: 0 });
    const figures = await buildDailyFigures(app.orm.em.fork(), '2026-11-24', {
      productionDay: productionDay(app.factory, app.settings.factoryTz),
      riskDays: 3,
      now: app.clock.now(),
    });
    expect(figures.totals).toMatchObject({ reports: 1, corrections: 1, good: 0, scrap: 0 });
    expect(digestMarkdown(figures, '演示厂', { from: '11-24 08:00', to: '11-25 08:00' }).text).toContain(
      '更正/撤销 1 条（数量已按更正后计）。',
    );
    expect(texts(await zhangwei.say('撤销'))).toEqual([`报工 ${label} 已经撤销过了。`]);
    // An undone report is not lost to the lead: a 更正 brings it back from nothing.
    expect(texts(await app.as('lijianguo').say(`更正 ${label} 4`))).toEqual([
      `已更正报工 ${label}：WO-DEMO-003「车削」合格 0 → 4 件。还剩 35 件。`,
    ]);
    expect(texts(await zhangwei.say('撤销'))).toEqual([
      `报工 ${label} 已经更正为合格 4 件，不能自己撤销了。还要改请联系班组长发送「更正 ${label} <合格数>」。`,
    ]);
    await zhangwei.say('完工 WO-DEMO-003 2');
    const late = await lastReportLabel(app.orm);
    app.clock.advance(31 * 60_000);
    expect(texts(await zhangwei.say('撤销'))).toEqual([
      `您最近的报工 ${late} 已超过 30 分钟，不能自己撤销了。请联系班组长发送「更正 ${late} <合格数>」。`,
    ]);
    expect(await task('WO-DEMO-003', 10)).toMatchObject({ goodTotal: 26 });
  });

  it('更正 by the team’s lead writes a reversing report and takes back the points', async () => {
    const original = await seededReport();
    const label = `B${original.id}`;
    // The demo seed scored its week: what this report earned is in the ledger already.
    const earnedBefore = await app.orm.em.fork().find(PointEntry, { eventKey: `work_report:${original.id}` });
    expect(earnedBefore.map((p) => [p.person.id, p.points])).toEqual([['zhangwei', 1]]);
    const ledgerBefore = await app.orm.em.fork().count(PointEntry, {});
    expect(texts(await app.as('zhangwei').say(`更正 ${label} 10`))).toEqual([
      '「更正」只有班组长、车间主任可以使用。',
    ]);
    expect(texts(await app.as('zhoumin').say(`更正 ${label} 10`))).toEqual([
      `报工 ${label} 不是您班组的，只有该班组的班组长或车间主任可以更正。`,
    ]);
    expect(texts(await app.as('wangfang').say(`更正 ${label} 10 报废 0`))).toEqual([
      `已更正报工 ${label}：WO-DEMO-003「车削」合格 12 → 10 件，报废 1 → 0 件。还剩 42 件。`,
    ]);
    expect(await task('WO-DEMO-003', 10)).toMatchObject({ goodTotal: 18, scrapTotal: 0 });
    expect(await app.orm.em.fork().findOneOrFail(WorkReport, { reverses: original.id })).toMatchObject({
      good: -2,
      scrap: -1,
      minutes: 0,
    });
    const takenBack = await app.orm.em
      .fork()
      .find(PointEntry, { eventKey: { $like: `reversal:work_report:${original.id}:%` } });
    expect(takenBack.map((p) => [p.person.id, p.points])).toEqual([['zhangwei', -1]]);
    expect(await app.orm.em.fork().count(PointEntry, {})).toBe(ledgerBefore + 1);
  });

  it('a corrected report can be corrected again, from where it stands, by its own number or its correction’s', async () => {
    const rates = app.orm.em.fork();
    addRate(
      rates,
      { itemCode: 'FLG-300', sequence: 10, fenPerPiece: 90, scrapFen: 20, effectiveFrom: '2026-11-01' },
      app.clock.now(),
    );
    await rates.flush();
    await app.as('zhangwei').say('完工 WO-DEMO-003 12 报废 1');
    const label = await lastReportLabel(app.orm);
    const original = await app.orm.em.fork().findOneOrFail(WorkReport, Number(label.slice(1)));
    const lead = app.as('wangfang');
    expect(texts(await lead.say(`更正 ${label} 合格10 报废 0`))[0]).toContain(
      '合格 12 → 10 件，报废 1 → 0 件',
    );
    expect(texts(await lead.say(`更正 ${label} 11`))).toEqual([
      `已更正报工 ${label}：WO-DEMO-003「车削」合格 10 → 11 件。还剩 28 件。`,
      '收入更正 +¥0.90（计入 2026-11-24）',
    ]);
    const reversals = () =>
      app.orm.em.fork().find(WorkReport, { reverses: original.id }, { orderBy: { id: 'asc' } });
    const [, second] = await reversals();
    expect(texts(await lead.say(`更正 B${second!.id} 9 报废 2`))).toEqual([
      `已更正报工 ${label}：WO-DEMO-003「车削」合格 11 → 9 件，报废 0 → 2 件。还剩 28 件。`,
      '收入更正 -¥2.20（计入 2026-11-24）',
    ]);
    expect((await reversals()).map((r) => [r.good, r.scrap, r.minutes])).toEqual([
      [-2, -1, 0],
      [1, 0, 0],
      [-2, 2, 0],
    ]);
    expect(await task('WO-DEMO-003', 10)).toMatchObject({ goodTotal: 29, scrapTotal: 3 });
    // Pay follows each step at the report's rate: its entries net to what 9 good and 2 scrap earn.
    const paid = await app.orm.em
      .fork()
      .find(
        PayEntry,
        { report: { $in: [original.id, ...(await reversals()).map((r) => r.id)] } },
        { populate: ['rate'] },
      );
    const rate = paid[0]!.rate!;
    expect(
      paid.reduce((sum, e) => [sum[0]! + e.good, sum[1]! + e.scrap, sum[2]! + e.fen], [0, 0, 0]),
    ).toEqual([9, 2, 9 * rate.fenPerPiece - 2 * rate.scrapFen]);
    const count = await reportCount();
    expect(texts(await lead.say(`更正 ${label} 9`))).toEqual([
      `报工 ${label} 现在就是合格 9 件、报废 2 件，没有更正。`,
    ]);
    expect(await reportCount()).toBe(count);
  });

  it('更正 without 报废 corrects the good pieces only, and says the scrap stays as it was', async () => {
    const original = await seededReport();
    const label = `B${original.id}`;
    expect(texts(await app.as('wangfang').say(`更正 ${label} 10`))).toEqual([
      `已更正报工 ${label}：WO-DEMO-003「车削」合格 12 → 10 件，报废 1 件不变。还剩 41 件。`,
    ]);
    expect(await task('WO-DEMO-003', 10)).toMatchObject({ goodTotal: 18, scrapTotal: 1 });
    expect(await app.orm.em.fork().findOneOrFail(WorkReport, { reverses: original.id })).toMatchObject({
      good: -2,
      scrap: 0,
    });
  });
});
