import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAsText } from '../../src/channels/console/render-text.js';
import type { ConsoleSession } from '../../src/channels/console/console-session.js';
import { RepairTicket } from '../../src/equipment/repairs/repair-ticket.entity.js';
import { PointEntry } from '../../src/incentives/point-entry.entity.js';
import { OutsourcingOrder } from '../../src/outsourcing/outsourcing-order.entity.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

/**
 * One shop day on the demo shop (Tuesday 2026-11-24 from 10:00), played through the console
 * by the planner, a team lead, two workers, a technician, the coordinator, a partner, QC and
 * the supervisor. Every reply is asserted as the console prints it, and after each part the
 * stored records are read back: what the bot said is what it stored.
 */
describe('a shop day through the console, as each of its people', () => {
  let app: DemoApp;
  const sessions = new Map<string, ConsoleSession>();
  const WO = 'WO-20261124-001';

  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  /** What the person reads in their terminal; the clock moves five minutes per message. */
  async function say(personId: string, text: string): Promise<string[]> {
    const session = sessions.get(personId) ?? app.as(personId);
    sessions.set(personId, session);
    const replies = await session.say(text);
    app.clock.advance(5 * 60_000);
    return replies.map((r) => renderAsText(r, { cardNumber: session.number(r) }));
  }
  const em = () => app.orm.em.fork();
  const task = (sequence: number) =>
    em().findOneOrFail(OperationTask, { workOrder: { number: WO }, sequence });
  const reportsOf = async (number: string) =>
    (await em().find(WorkReport, { task: { workOrder: { number } } }, { orderBy: { id: 'asc' } })).map(
      (r) => ({ good: r.good, scrap: r.scrap, reverses: r.reverses?.id ?? null }),
    );
  const lastReport = async () => (await em().find(WorkReport, {}, { orderBy: { id: 'desc' }, limit: 1 }))[0]!;

  it('the planner creates and releases an order by the item’s name', async () => {
    expect(await say('chenjing', '新建工单 传动轴 20 12-08 华东机械')).toEqual([
      `已创建工单 ${WO}：传动轴 × 20，交期 2026-12-08，客户 华东机械，共 3 道工序。发送「下达 ${WO}」后即可派工。`,
    ]);
    expect(await say('chenjing', `下达 ${WO}`)).toEqual([`工单 ${WO} 已下达，可以派工了。`]);
    const order = await em().findOneOrFail(WorkOrder, { number: WO }, { populate: ['item'] });
    expect([order.item.code, order.quantity, order.customer, order.status]).toEqual([
      'SHF-200',
      20,
      '华东机械',
      'released',
    ]);
  });

  it('the lead dispatches and a worker starts, refuses half a piece, and reports', async () => {
    expect(await say('wangfang', `派工 ${WO} 工序10 @张伟`)).toEqual([
      `已派工：${WO}「车削」→ 张伟，设备 CNC-01。`,
    ]);
    expect(await say('zhangwei', `开工 ${WO}`)).toEqual([
      `已开工：${WO}「车削」，设备 CNC-01。完工时点卡片上的「完工」或发送「完工 ${WO} 数量」。`,
      [
        `┌ #1 ${WO} · 10 车削`,
        '│ 传动轴 · 交期 2026-12-08',
        '│ 状态：进行中',
        '│ 可加工：20 件',
        '│ 已报：合格 0 / 报废 0',
        '│ 剩余：20 件',
        '│ 负责：张伟',
        '│ 设备：CNC-01',
        '└ [1] 完工 20 件  [2] 其他数量',
      ].join('\n'),
    ]);
    const before = await reportsOf(WO);
    expect(await say('zhangwei', `完工 ${WO} 10.5`)).toEqual([
      '合格数必须是不小于 0 的整数：零件按件计，不能报「10.5」件。请重新报工，例如「完工 工单号 10」。',
    ]);
    expect(await reportsOf(WO)).toEqual(before);
    const reply = await say('zhangwei', `完工 ${WO} 8`);
    const b = `B${(await lastReport()).id}`;
    expect(reply).toEqual([`已报工（报工号 ${b}）：${WO}「车削」合格 8 件。还剩 12 件。`]);
    expect(await task(10)).toMatchObject({ goodTotal: 8, scrapTotal: 0, status: 'in_progress' });
    // The report did not wait for its points; 积分 right after settles and shows them.
    expect(await em().count(PointEntry, { eventKey: `work_report:${b.slice(1)}` })).toBe(0);
    const [points1] = await say('zhangwei', '积分');
    expect(points1?.split('\n')[2]).toBe(`· 11-24 10:25 +1 报工（${WO} 车削 合格 8 件）`);
    const paid = await em().find(PointEntry, { eventKey: `work_report:${b.slice(1)}` });
    expect(paid.map((p) => [p.person.id, p.points])).toEqual([['zhangwei', 1]]);
  });

  it('a second worker undoes a slip and reports again; the lead corrects an old report', async () => {
    expect(await say('wangfang', `派工 ${WO} 工序20 @刘洋`)).toEqual([
      `已派工：${WO}「铣键槽」→ 刘洋，设备 CNC-02。`,
    ]);
    await say('liuyang', `完工 ${WO} 工序20 6`);
    const slip = `B${(await lastReport()).id}`;
    expect(await say('liuyang', '撤销')).toEqual([
      `已撤销报工 ${slip}：${WO}「铣键槽」合格 6 件不再计入。还剩 8 件。`,
    ]);
    const reply = await say('liuyang', `完工 ${WO} 工序20 5 报废 1`);
    expect(reply).toEqual([
      `已报工（报工号 B${(await lastReport()).id}）：${WO}「铣键槽」合格 5 件，报废 1 件。还剩 2 件。`,
    ]);
    expect(await task(20)).toMatchObject({ goodTotal: 5, scrapTotal: 1 });
    const slipId = Number(slip.slice(1));
    expect((await reportsOf(WO)).slice(1)).toEqual([
      { good: 6, scrap: 0, reverses: null },
      { good: -6, scrap: 0, reverses: slipId },
      { good: 5, scrap: 1, reverses: null },
    ]);

    const old = await em().findOneOrFail(WorkReport, {
      task: { workOrder: { number: 'WO-DEMO-001' }, sequence: 10 },
      good: 30,
      scrap: 1,
    });
    expect(await say('wangfang', `更正 B${old.id} 29 报废 1`)).toEqual([
      `已更正报工 B${old.id}：WO-DEMO-001「车削」合格 30 → 29 件，报废 1 件不变。还剩 39 件。`,
    ]);
    expect(await em().findOneOrFail(WorkReport, { reverses: old.id })).toMatchObject({ good: -1, scrap: 0 });
    expect(await say('zhangwei', `更正 B${old.id} 30`)).toEqual(['「更正」只有班组长、车间主任可以使用。']);
  });

  it('a breakdown walks through the technician’s hands and the reporter accepts it', async () => {
    expect(await say('zhangwei', '报修 CNC-02 主轴异响')).toEqual([
      '已报修 R4（设备 CNC-02），设备组已收到通知。修好后会请您验收。',
      '如需附照片，请直接发送图片，将附在维修 R4（CNC-02）上。',
    ]);
    expect(await say('gaoyuan', '接单 R4')).toEqual(['维修 R4 已由 高远 接单。']);
    expect(await say('gaoyuan', '开始维修 R4')).toEqual(['维修 R4 开始维修，设备停机计时中。']);
    expect(await say('gaoyuan', '维修完成 R4 更换主轴轴承')).toEqual([
      '维修 R4 已提交验收，等待报修人或班组长验收。',
    ]);
    expect(await say('zhangwei', '验收 R4')).toEqual(['维修 R4 验收通过，已归档。本次停机 20 分钟。']);
    expect(await em().findOneOrFail(RepairTicket, 4)).toMatchObject({
      state: 'archived',
      symptom: '主轴异响',
    });
  });

  it('outsourcing: the coordinator receives part of a batch, the partner moves only their own, QC passes one', async () => {
    expect(await say('sunli', '回厂 OS-20261120-001 100')).toEqual([
      '已登记 OS-20261120-001 回厂 100 件，累计 300/500，还差 200 件。',
    ]);
    expect(await say('chenshifu', '外发 OS-20261122-001 加工中')).toEqual([
      'OS-20261122-001：「已发货」→「加工中」。',
    ]);
    const tickets = await em().count(RepairTicket, {});
    expect(await say('chenshifu', '报修 CNC-01 坏了')).toEqual([
      '「报修」只供厂内人员使用。外协厂联系人可以查看和更新自己的外发单，发送「帮助」查看可用命令。',
    ]);
    expect(await em().count(RepairTicket, {})).toBe(tickets);
    expect(await say('zhouqiang', '质检 OS-20261118-002 合格')).toEqual([
      '已登记 OS-20261118-002 质检合格，状态「已完成」。',
    ]);
    const orders = await em().find(OutsourcingOrder, {
      number: { $in: ['OS-20261120-001', 'OS-20261122-001', 'OS-20261118-002'] },
    });
    expect(
      Object.fromEntries(orders.map((o) => [o.number, [o.state, o.returnedQuantity, o.quantity]])),
    ).toEqual({
      'OS-20261120-001': ['processing', 300, 500],
      'OS-20261122-001': ['processing', 0, 200],
      'OS-20261118-002': ['done', 40, 40],
    });
  });

  it('the supervisor’s 日报 今天 shows exactly what was stored, the old correction counted in its own day', async () => {
    const [digest, chart] = await say('lijianguo', '日报 今天');
    expect(digest?.split('\n').slice(0, 8)).toEqual([
      '### 示例五金厂 · 2026-11-24 生产日报',
      '统计时段：11-24 08:00 至 11-25 08:00，截至 11:50（白班仍在进行，数字未完）。',
      '**报工 3 次**：各工序合格 13 件，报废 1 件，报废率 7.1%；末道工序完工 0 件。',
      '更正/撤销 1 条（数量已按更正后计）。',
      '另有 1 条更正/撤销针对更早日期的报工，已计入那一天。',
      '',
      '**工单进度**（各工序合格件数；完工 = 末道工序）',
      `- ${WO} 传动轴：10 车削 8 件 · 20 铣键槽 5 件（报废 1）；完工 0，累计 0/20（0.0%）`,
    ]);
    expect(digest).toContain('- CNC-02 数控铣床 2 号：运行 0.1 小时，故障停机 0.3 小时');
    expect(chart).toBe('[图片：示例五金厂 · 2026-11-24 生产日报]');
    // Today's only reports are on the new order: the headline is the sum of its stored rows.
    const stored = await reportsOf(WO);
    expect([stored.reduce((n, r) => n + r.good, 0), stored.reduce((n, r) => n + r.scrap, 0)]).toEqual([
      13, 1,
    ]);
  });
});
