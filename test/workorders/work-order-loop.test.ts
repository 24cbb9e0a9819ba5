import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardView } from '../../src/chat/cards/card-view.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { Equipment } from '../../src/equipment/equipment.entity.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { ProductionException } from '../../src/workorders/production-exception.entity.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { lastReportLabel } from '../support/reports.js';

const texts = (replies: OutboundContent[]) =>
  replies.filter((r) => r.kind === 'text').map((r) => (r.kind === 'text' ? r.text : ''));
const cards = (replies: OutboundContent[]): CardView[] =>
  replies.flatMap((r) => (r.kind === 'card' || r.kind === 'card_update' ? [r.card] : []));

describe('the work-order loop through the console, on the demo shop', () => {
  let app: DemoApp;
  beforeEach(async () => {
    app = await startDemoApp();
  });
  afterEach(async () => {
    await app.stop();
  });

  const task = async (number: string, sequence: number) =>
    app.orm.em
      .fork()
      .findOneOrFail(
        OperationTask,
        { workOrder: { number }, sequence },
        { populate: ['assignee', 'equipment'] },
      );
  const reports = async (number: string) =>
    app.orm.em.fork().count(WorkReport, { task: { workOrder: { number } } });
  const latestReportOn = async (number: string) =>
    app.orm.em
      .fork()
      .findOneOrFail(WorkReport, { task: { workOrder: { number } } }, { orderBy: { id: 'desc' } });
  const pushesTo = async (recipientKey: string) =>
    (await app.orm.em.fork().find(OutboxMessage, { recipientKey }, { orderBy: { id: 'asc' } })).map(
      (m) => m.content,
    );

  it('我的任务 shows a worker their own and their team’s open tasks as cards', async () => {
    const shown = cards(await app.as('zhangwei').say('我的任务'));
    expect(shown.map((c) => c.title)).toEqual([
      'WO-DEMO-003 · 10 车削',
      'WO-DEMO-001 · 10 车削',
      'WO-DEMO-005 · 10 车削',
    ]);
    expect(shown[1]?.fields).toContainEqual({ label: '剩余', value: '38 件' });
    expect(shown[1]?.buttons.map((b) => b.text)).toEqual(['完工 38 件', '其他数量']);
    expect(shown[2]?.buttons.map((b) => b.text)).toEqual(['开工']);
  });

  it('开工 and 完工 with one tap each: time and equipment come from the task', async () => {
    const liuyang = app.as('liuyang');
    const [card] = cards(await liuyang.say('我的任务')).filter((c) => c.title.startsWith('WO-DEMO-006'));
    expect(texts(await liuyang.tap(1, card))).toEqual([
      '已开工：WO-DEMO-006「车削」，设备 CNC-01。完工时点卡片上的「完工」或发送「完工 WO-DEMO-006 数量」。',
    ]);
    app.clock.advance(95 * 60_000);
    const [started] = cards(await liuyang.say('我的任务')).filter((c) => c.title.startsWith('WO-DEMO-006'));
    expect(started?.buttons[0]?.text).toBe('完工 50 件');
    const before = (await app.orm.em.fork().findOneOrFail(Equipment, 'CNC-01')).runningMinutes;
    expect(texts(await liuyang.tap(1, started))).toEqual([
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-006「车削」合格 50 件。本工序已完成。`,
    ]);
    const report = await app.orm.em
      .fork()
      .findOneOrFail(WorkReport, { task: { workOrder: { number: 'WO-DEMO-006' } } });
    expect(report).toMatchObject({ good: 50, scrap: 0, minutes: 95, channel: 'console' });
    expect(report.equipment?.code).toBe('CNC-01');
    expect((await app.orm.em.fork().findOneOrFail(Equipment, 'CNC-01')).runningMinutes).toBe(before + 95);
    expect((await task('WO-DEMO-006', 10)).status).toBe('done');
  });

  it('完工 with a typed quantity, in Chinese numerals, with scrap', async () => {
    expect(texts(await app.as('zhangwei').say('完工 WO-DEMO-001 二十 报废 两'))).toEqual([
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-001「车削」合格 20 件，报废 2 件。还剩 16 件。`,
    ]);
    expect(await task('WO-DEMO-001', 10)).toMatchObject({ goodTotal: 100, scrapTotal: 4 });
    const [view] = cards(await app.as('wangfang').say('工单 WO-DEMO-001'));
    expect(view?.fields.find((f) => f.label === '10 车削')?.value).toBe('进行中 · 合格 100 · 报废 4');
    // 合格 written before the count, as on a paper ticket: a quantity, not an operation named 合格10.
    expect(texts(await app.as('zhangwei').say('完工 WO-DEMO-001 合格10 报废1'))).toEqual([
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-001「车削」合格 10 件，报废 1 件。还剩 5 件。`,
    ]);
  });

  it('reports arriving at the same moment on one task all count', async () => {
    const zhangwei = app.as('zhangwei');
    await Promise.all(Array.from({ length: 6 }, () => zhangwei.say('完工 WO-DEMO-001 2')));
    expect(await task('WO-DEMO-001', 10)).toMatchObject({ goodTotal: 92 });
    expect(await reports('WO-DEMO-001')).toBe(5 + 6);
  });

  it('a report counts the minutes since the task’s previous report', async () => {
    const zhangwei = app.as('zhangwei');
    await zhangwei.say('完工 WO-DEMO-001 2');
    app.clock.advance(20 * 60_000);
    await zhangwei.say('完工 WO-DEMO-001 3');
    const latest = await latestReportOn('WO-DEMO-001');
    expect(latest).toMatchObject({ good: 3, minutes: 20 });
  });

  it('two operations running on one machine count their overlapping time on it once, and 撤销 takes back what was counted', async () => {
    // 张伟 has WO-DEMO-001 and WO-DEMO-003 in progress, both on CNC-01.
    const zhangwei = app.as('zhangwei');
    const counter = async () => (await app.orm.em.fork().findOneOrFail(Equipment, 'CNC-01')).runningMinutes;
    await zhangwei.say('完工 WO-DEMO-001 2');
    const before = await counter();
    app.clock.advance(30 * 60_000);
    await zhangwei.say('完工 WO-DEMO-003 2');
    const latest = await latestReportOn('WO-DEMO-003');
    // The report covers its own time since it was last reported; the machine ran 30 more minutes.
    expect(latest?.minutes).toBeGreaterThan(30);
    expect(await counter()).toBe(before + 30);
    await zhangwei.say('撤销');
    expect(await counter()).toBe(before);
  });

  it('完工 without a quantity asks, with the remaining quantity offered', async () => {
    const zhangwei = app.as('zhangwei');
    expect(texts(await zhangwei.say('报工 WO-DEMO-003'))).toEqual([
      'WO-DEMO-003「车削」完工多少件？还剩 39 件。回复数量即可，例如「39」或「39 报废 2」。',
    ]);
    expect(texts(await zhangwei.say('好'))).toEqual([
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-003「车削」合格 39 件。本工序已完成。`,
    ]);
  });

  it('完工 with only the scrap keeps it while it asks for the good pieces', async () => {
    // Before: the 报废 2 written with 完工 was dropped, and the answer 5 stored 5 good, no scrap.
    const zhangwei = app.as('zhangwei');
    const question =
      'WO-DEMO-001「车削」报废 2 件已记下，合格多少件？还剩 38 件。回复合格数即可，例如「36」；没有合格的回复「0」。';
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 报废 2'))).toEqual([question]);
    expect(texts(await zhangwei.say('很多'))).toEqual([
      `「很多」不是有效的合格数，请输入数字，例如 50 或 五十。${question}`,
    ]);
    expect(texts(await zhangwei.say('5'))).toEqual([
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-001「车削」合格 5 件，报废 2 件。还剩 31 件。`,
    ]);
    // Scrap written again in the answer is the one taken.
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 报废 2'))).toHaveLength(1);
    expect(texts(await zhangwei.say('0 报废 3'))[0]).toMatch(/合格 0 件，报废 3 件。还剩 28 件。$/);
    const latest = await latestReportOn('WO-DEMO-001');
    expect(latest).toMatchObject({ good: 0, scrap: 3 });
  });

  it('asks again after an answer it cannot take, saying why, and reads 报废2 written without a space', async () => {
    const zhangwei = app.as('zhangwei');
    const question = 'WO-DEMO-001「车削」完工多少件？还剩 38 件。回复数量即可，例如「38」或「38 报废 2」。';
    expect(texts(await zhangwei.say('完工 WO-DEMO-001'))).toEqual([question]);
    expect(texts(await zhangwei.say('-3'))).toEqual([`合格数不能是负数，您写了「-3」。${question}`]);
    expect(texts(await zhangwei.say('很多'))).toEqual([
      `「很多」不是有效的合格数，请输入数字，例如 50 或 五十。${question}`,
    ]);
    expect(texts(await zhangwei.say('3 报废1'))).toEqual([
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-001「车削」合格 3 件，报废 1 件。还剩 34 件。`,
    ]);
    expect(texts(await zhangwei.say('完工 WO-DEMO-001 2 报废1'))[0]).toMatch(
      /合格 2 件，报废 1 件。还剩 31 件。$/,
    );
  });

  it('完工 with a count but no order asks whether it is the one operation in progress, and reports only on 是', async () => {
    const liuyang = app.as('liuyang');
    const before = await reports('WO-DEMO-001');
    const question = '是报 WO-DEMO-001「铣键槽」合格 5 件、报废 1 件吗？回复「是」报工，「否」不报。';
    expect(texts(await liuyang.say('完工 5 报废 1'))).toEqual([question]);
    expect(texts(await liuyang.say('可能吧'))).toEqual([`请回复「是」报工，或「否」不报。${question}`]);
    expect(texts(await liuyang.say('否'))).toEqual(['好的，没有报工。']);
    expect(await reports('WO-DEMO-001')).toBe(before);
    expect(texts(await liuyang.say('完工 五'))).toHaveLength(1);
    expect(texts(await liuyang.say('是'))[0]).toMatch(
      /^已报工（报工号 B\d+）：WO-DEMO-001「铣键槽」合格 5 件。/,
    );
    expect(await latestReportOn('WO-DEMO-001')).toMatchObject({
      good: 5,
      scrap: 0,
      person: { id: 'liuyang' },
    });
    expect(await reports('WO-DEMO-001')).toBe(before + 1);
  });

  it('完工 with a count but no order lists the person’s operations when several, asks about a lone dispatched one, and reports nothing', async () => {
    const before = await reports('WO-DEMO-001');
    expect(texts(await app.as('zhangwei').say('完工 5'))).toEqual([
      '「5」不是工单号。报工要写上工单号，例如「完工 WO-DEMO-003 5」。您手上的工序：WO-DEMO-003「车削」、WO-DEMO-001「车削」。',
    ]);
    // Nothing started: the one task dispatched to them is the one asked about (a report starts it).
    await app.as('wangfang').say('派工 WO-DEMO-005 工序10 @杨帆');
    expect(texts(await app.as('yangfan').say('完工 5'))).toEqual([
      '是报 WO-DEMO-005「车削」合格 5 件吗？回复「是」报工，「否」不报。',
    ]);
    expect(texts(await app.as('lijianguo').say('完工 5'))).toEqual([
      '「5」不是工单号。报工要写上工单号，例如「完工 WO-0042 5」。发送「我的任务」看分给您的任务。',
    ]);
    expect(await reports('WO-DEMO-001')).toBe(before);
  });

  it('refuses an over-report with the numbers, and changes nothing', async () => {
    const before = await reports('WO-DEMO-001');
    expect(texts(await app.as('zhangwei').say('完工 WO-DEMO-001 500'))).toEqual([
      '报工数量超出：「车削」还剩 38 件可报，您报了 500 件（最多允许 39 件）。请核对后重新报工。',
    ]);
    expect(await reports('WO-DEMO-001')).toBe(before);
    expect((await task('WO-DEMO-001', 10)).goodTotal).toBe(80);
  });

  it('a number written without its beginning is refused with the open orders it ends, never taken for one', async () => {
    const before = await reports('WO-DEMO-001');
    expect(texts(await app.as('zhangwei').say('完工 DEMO-001 5'))).toEqual([
      '没有找到工单「DEMO-001」。您是不是想写 WO-DEMO-001？',
    ]);
    expect(texts(await app.as('zhangwei').say('完工 1 5'))).toEqual(['没有找到工单「1」。请检查工单号。']);
    const [created] = texts(await app.as('chenjing').say('新建工单 SHF-200 50 12-20'));
    const number = /工单 (WO-\S+-001)：/.exec(created ?? '')?.[1];
    expect(number).toBeDefined();
    expect(texts(await app.as('zhangwei').say('完工 001 5'))).toEqual([
      `没有找到工单「001」。以它结尾的未完工工单有：WO-DEMO-001、${number}，请写全工单号。`,
    ]);
    expect(await reports('WO-DEMO-001')).toBe(before);
  });

  it('refuses a report on someone else’s task', async () => {
    const before = await reports('WO-DEMO-001');
    expect(texts(await app.as('liuyang').say('完工 WO-DEMO-001 工序10 5'))).toEqual([
      'WO-DEMO-001 的「车削」分给了张伟，您不能为它报工。',
    ]);
    expect(await reports('WO-DEMO-001')).toBe(before);
  });

  it('a team lead dispatches; the worker gets the card, and it updates in place when they start', async () => {
    expect(texts(await app.as('wangfang').say('派工 WO-DEMO-001 30 @刘洋 设备 GRIND-01'))).toEqual([
      '已派工：WO-DEMO-001「磨削」→ 刘洋，设备 GRIND-01。',
    ]);
    expect(await task('WO-DEMO-001', 30)).toMatchObject({
      status: 'dispatched',
      assignee: { id: 'liuyang' },
      equipment: { code: 'GRIND-01' },
    });
    await app.chat.dispatcher.drainOnce();
    const delivered = app.console.deliveredTo('liuyang');
    expect(delivered[0]).toEqual({ kind: 'text', text: '王芳 给您派了新任务：WO-DEMO-001「磨削」。' });
    const [card] = cards(delivered);
    expect(card?.buttons.map((b) => b.text)).toEqual(['开工']);

    await app.as('liuyang').tap(1, card);
    await app.chat.dispatcher.drainOnce();
    const [update] = cards(app.console.deliveredTo('liuyang').slice(delivered.length));
    expect(update?.original).toBe(card?.original);
    expect(update?.fields).toContainEqual({ label: '状态', value: '进行中' });
  });

  it('a worker may not dispatch', async () => {
    expect(texts(await app.as('zhangwei').say('派工 WO-DEMO-001 30 @刘洋'))).toEqual([
      '「派工」只有班组长、车间主任可以使用。',
    ]);
  });

  it('an exception is raised, the lead and supervisor are told, and it is handled and closed', async () => {
    const [raised] = texts(await app.as('zhangwei').say('异常 WO-DEMO-001 CNC-01 主轴异响，设备故障'));
    const id = Number(/E(\d+)/.exec(raised ?? '')?.[1]);
    expect(raised).toBe(`已上报异常 E${id}（设备故障），工单 WO-DEMO-001。班组长和车间主任会收到通知。`);
    const alert = `⚠️ 张伟 上报异常 E${id}（设备故障）：工单 WO-DEMO-001，CNC-01 主轴异响,设备故障。发送「处理 E${id}」接手，处理完后发送「关闭 E${id}」。`;
    expect(await pushesTo('wangfang')).toContainEqual({ kind: 'text', text: alert });
    expect(await pushesTo('lijianguo')).toContainEqual({ kind: 'text', text: alert });

    expect(texts(await app.as('wangfang').say(`处理 E${id}`))).toEqual([`异常 E${id} 已由 王芳 接手处理。`]);
    app.clock.advance(40 * 60_000);
    expect(texts(await app.as('wangfang').say(`关闭 e${id}`))).toEqual([
      `异常 E${id} 已关闭，从上报到关闭用时 40 分钟。`,
    ]);
    expect(await app.orm.em.fork().findOneOrFail(ProductionException, id)).toMatchObject({
      status: 'closed',
      kind: 'equipment',
    });
    expect(texts(await app.as('wangfang').say(`关闭 E${id}`))).toEqual([`异常 E${id} 已经关闭了。`]);
  });

  it('good pieces from one operation make the next available, and its worker is told', async () => {
    await app.as('zhangwei').say('完工 WO-DEMO-001 25');
    expect(await pushesTo('liuyang')).toContainEqual({
      kind: 'text',
      text: 'WO-DEMO-001 的上道工序已交来合格品，「铣键槽」现在可以加工 105 件。',
    });
  });

  it('the work order completes when its last operation does', async () => {
    expect(texts(await app.as('hujie').say('完工 WO-DEMO-004 97'))).toEqual([
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-004「钻孔」合格 97 件。本工序已完成。`,
      '工单 WO-DEMO-004 全部工序已完成，工单已完工。',
    ]);
    const order = await app.orm.em.fork().findOneOrFail(WorkOrder, { number: 'WO-DEMO-004' });
    expect(order).toMatchObject({ status: 'completed', completedAt: app.clock.now() });
  });
});
