import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../src/chat/audit/audit-entry.entity.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { Item } from '../../src/workorders/item.entity.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { ProductionException } from '../../src/workorders/production-exception.entity.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const texts = (replies: OutboundContent[]) =>
  replies.flatMap((r) => (r.kind === 'text' || r.kind === 'markdown' ? [r.text] : []));

/** Issue 15 item 9: the planner's desk on the demo shop, whose "today" is 2026-11-24. */
describe('work orders from the planner’s desk', () => {
  let app: DemoApp;
  beforeEach(async () => {
    app = await startDemoApp();
  });
  afterEach(async () => {
    await app.stop();
  });

  const say = async (personId: string, text: string) => texts(await app.as(personId).say(text));
  const order = (number: string) =>
    app.orm.em.fork().findOneOrFail(WorkOrder, { number }, { populate: ['item'] });
  const orderCount = () => app.orm.em.fork().count(WorkOrder);
  const tasksOf = async (number: string) =>
    (
      await app.orm.em
        .fork()
        .find(
          OperationTask,
          { workOrder: { number } },
          { orderBy: { sequence: 'asc' }, populate: ['assignee'] },
        )
    ).map((t) => [t.sequence, t.status, t.assignee?.id ?? null]);

  it('新建工单 takes the item’s name, refuses a bad quantity once, and confirms a past due date', async () => {
    // Before: the name was refused, -5 restarted the dialog and 11-20 was accepted silently.
    expect(await say('chenjing', '新建工单 传动轴 300 12-08')).toEqual([
      '已创建工单 WO-20261124-001：传动轴 × 300，交期 2026-12-08，共 3 道工序。发送「下达 WO-20261124-001」后即可派工。',
    ]);
    expect(await order('WO-20261124-001')).toMatchObject({
      item: { code: 'SHF-200' },
      quantity: 300,
      dueDate: '2026-12-08',
    });
    // Planned, it is dispatched only once released, and the refusal says so.
    expect(await say('wangfang', '派工 WO-20261124-001 工序10 @张伟')).toEqual([
      '工单 WO-20261124-001 还在计划中，要先「下达 WO-20261124-001」才能派工。',
    ]);

    const before = await orderCount();
    const refusal = '「-5」不是有效的工单数量：数量要是大于 0 的整数，例如 300。';
    expect(await say('chenjing', '新建工单 SHF-200 -5 12-10')).toEqual([refusal]);
    expect(await say('chenjing', '新建工单 SHF-200 0 12-10')).toEqual([refusal.replace('「-5」', '「0」')]);
    expect(await say('chenjing', '新建工单 SHF-200 1.5 12-10')).toEqual([
      refusal.replace('「-5」', '「1.5」'),
    ]);
    // No dialog was started: a bare number afterwards is not taken as an answer.
    expect(await say('chenjing', '300')).toEqual(['没有「300」这个命令。发送「帮助」查看可用命令。']);
    expect(await orderCount()).toBe(before);

    const warning =
      '⚠️ 交期 2026-11-20 已经过去了（今天是 2026-11-24）。确定用这个交期吗？回复「是」确认，「否」放弃。';
    expect(await say('chenjing', '新建工单 传动轴 100 11-20')).toEqual([warning]);
    expect(await say('chenjing', '嗯')).toEqual([warning]);
    expect(await say('chenjing', '否')).toEqual(['好的，没有建工单。']);
    expect(await orderCount()).toBe(before);
    expect(await say('chenjing', '新建工单 传动轴 100 11-20 华东机械')).toEqual([warning]);
    expect(await say('chenjing', '是')).toEqual([
      '已创建工单 WO-20261124-002：传动轴 × 100，交期 2026-11-20，客户 华东机械，共 3 道工序。发送「下达 WO-20261124-002」后即可派工。',
    ]);
    expect(await order('WO-20261124-002')).toMatchObject({ dueDate: '2026-11-20', customer: '华东机械' });
  });

  it('新建工单 reads 交期 and 客户 written before their values, as a planner types them', async () => {
    // The answer names the customer too: what was stored is what the planner reads.
    expect(await say('chenjing', '新建工单 传动轴 300 交期 12-08 客户 华东 机械')).toEqual([
      '已创建工单 WO-20261124-001：传动轴 × 300，交期 2026-12-08，客户 华东 机械，共 3 道工序。发送「下达 WO-20261124-001」后即可派工。',
    ]);
    expect(await order('WO-20261124-001')).toMatchObject({ dueDate: '2026-12-08', customer: '华东 机械' });
    expect(await say('chenjing', '新建工单 传动轴 300 12-09 客户 宏达泵业')).toHaveLength(1);
    expect(await order('WO-20261124-002')).toMatchObject({ dueDate: '2026-12-09', customer: '宏达泵业' });
    const before = await orderCount();
    expect(await say('chenjing', '新建工单 传动轴 300 交期')).toEqual([
      '缺少交期。\n用法：新建工单 [<物料编码或名称>] [<数量>] [<交期>] [<客户>]',
    ]);
    expect(await orderCount()).toBe(before);
  });

  it('a due date may be named by its day (明天, 后天) or said as voice input writes it (十二月十号)', async () => {
    // The factory's today is 2026-11-24.
    await say('chenjing', '新建工单 传动轴 10 明天');
    await say('chenjing', '新建工单 传动轴 10 交期 后天');
    await say('chenjing', '新建工单 传动轴 10 十二月十号');
    const made = await app.orm.em
      .fork()
      .find(WorkOrder, { quantity: 10 }, { orderBy: { number: 'desc' }, limit: 3 });
    expect(made.map((o) => o.dueDate).reverse()).toEqual(['2026-11-25', '2026-11-26', '2026-12-10']);
  });

  it('新建工单 asks whether a date written after the customer is the due date, instead of guessing', async () => {
    // Before: `客户 宏达 12-22` stored the customer 宏达 12-22 and asked for a due date.
    const question =
      '客户「宏达 12-22」的最后像是交期：是交期 2026-12-22、客户「宏达」吗？回复「是」确认；回复「否」则客户就是「宏达 12-22」，再请您输入交期。';
    const before = await orderCount();
    expect(await say('chenjing', '新建工单 传动轴 50 客户 宏达 12-22')).toEqual([question]);
    expect(await say('chenjing', '嗯')).toEqual([question]);
    expect(await orderCount()).toBe(before);
    expect(await say('chenjing', '是')).toEqual([
      '已创建工单 WO-20261124-001：传动轴 × 50，交期 2026-12-22，客户 宏达，共 3 道工序。发送「下达 WO-20261124-001」后即可派工。',
    ]);
    expect(await order('WO-20261124-001')).toMatchObject({ dueDate: '2026-12-22', customer: '宏达' });

    expect(await say('chenjing', '新建工单 传动轴 50 客户 宏达 12-22')).toEqual([question]);
    expect(await say('chenjing', '否')).toEqual(['请输入交期（例如 12-01）：']);
    expect(await say('chenjing', '12-28')).toHaveLength(1);
    expect(await order('WO-20261124-002')).toMatchObject({ dueDate: '2026-12-28', customer: '宏达 12-22' });

    // With the due date given, the customer's words are taken as written; a one-word customer too.
    expect(await say('chenjing', '新建工单 传动轴 50 12-20 客户 宏达 3号')).toHaveLength(1);
    expect(await order('WO-20261124-003')).toMatchObject({ customer: '宏达 3号' });
    // A date alone after 客户: the customer left out, or named like a date.
    expect(await say('chenjing', '新建工单 传动轴 50 客户 12-22')).toEqual([
      '客户「12-22」像是交期：是交期 2026-12-22、不写客户吗？回复「是」确认；回复「否」则客户就是「12-22」，再请您输入交期。',
    ]);
    expect(await say('chenjing', '是')).toHaveLength(1);
    expect(await order('WO-20261124-004')).toMatchObject({ dueDate: '2026-12-22', customer: null });
  });

  it('新建工单 asks which item when a name is shared, and the dialog re-asks only the refused answer', async () => {
    const em = app.orm.em.fork();
    em.create(Item, { code: 'SHF-210', name: '传动轴' });
    await em.flush();
    const before = await orderCount();
    expect(await say('chenjing', '新建工单 传动轴 10 12-01')).toEqual([
      '有 2 个物料叫「传动轴」：SHF-200、SHF-210。请写物料编码。',
    ]);
    expect(await orderCount()).toBe(before);

    expect(await say('chenjing', '新建工单')).toEqual(['新建工单：请输入物料编码或名称（例如 BTN-001）：']);
    expect(await say('chenjing', '法兰')).toEqual([
      '没有物料「法兰」。是这些之一吗：FLG-300 法兰盘？请写完整的编码或名称。',
    ]);
    expect(await say('chenjing', '螺母')).toEqual([
      '没有物料「螺母」。请写物料编码或名称，发送「物料列表」可以查看。',
    ]);
    expect(await say('chenjing', '法兰盘')).toEqual(['物料「法兰盘」，请输入数量：']);
    expect(await say('chenjing', '负五')).toEqual([
      '「负五」不是有效的工单数量：数量要是大于 0 的整数，例如 300。',
    ]);
    expect(await say('chenjing', '五十')).toEqual(['请输入交期（例如 12-01）：']);
    expect(await say('chenjing', '12-20')).toEqual([
      '已创建工单 WO-20261124-001：法兰盘 × 50，交期 2026-12-20，共 2 道工序。发送「下达 WO-20261124-001」后即可派工。',
    ]);
    expect(await order('WO-20261124-001')).toMatchObject({ item: { code: 'FLG-300' }, quantity: 50 });
  });

  it('工单列表 filters and pages, 物料列表 lists items, 异常列表 shows notes kept by 关闭 E<n> <说明>', async () => {
    expect((await say('chenjing', '工单列表 逾期'))[0]?.split('\n')).toEqual([
      '逾期的工单共 1 张：',
      'WO-DEMO-004 底板 × 300，交期 2026-11-23（已逾期 1 天），生产中',
    ]);
    expect(await say('chenjing', '工单列表 今天到期')).toEqual(['没有今天到期的工单。']);
    expect((await say('chenjing', '工单列表 物料 传动轴'))[0]?.split('\n')).toEqual([
      '物料 SHF-200 传动轴 未完结的工单共 2 张：',
      'WO-DEMO-001 传动轴 × 120，交期 2026-11-29，生产中',
      'WO-DEMO-006 传动轴 × 50，交期 2026-12-04，已下达',
    ]);
    expect((await say('chenjing', '工单列表 状态 已取消'))[0]?.split('\n')).toEqual([
      '「已取消」的工单共 1 张：',
      'WO-DEMO-011 传动轴 × 30，交期 2026-11-30，已取消',
    ]);
    expect(await say('chenjing', '工单列表 很急')).toEqual([
      '看不懂「很急」。可以写：工单列表、工单列表 逾期、工单列表 今天到期、工单列表 物料 SHF-200、工单列表 状态 生产中。',
    ]);
    for (const due of ['12-21', '12-22']) await say('chenjing', `新建工单 BRK-100 10 ${due}`);
    const [first] = await say('chenjing', '工单列表');
    expect(first?.split('\n')).toHaveLength(12);
    expect(first?.split('\n').at(0)).toBe('未完结的工单共 11 张：');
    expect(first?.split('\n').at(-1)).toBe('还有 1 条，发送「工单列表 2」看下一页。');
    expect((await say('chenjing', '工单列表 2'))[0]?.split('\n')).toEqual([
      '未完结的工单共 11 张：',
      'WO-20261124-002 安装支架 × 10，交期 2026-12-22，计划',
    ]);
    await say('chenjing', '新建工单 BRK-100 5 今天');
    expect((await say('chenjing', '工单列表 今天到期'))[0]?.split('\n')).toEqual([
      '今天到期的工单共 1 张：',
      'WO-20261124-003 安装支架 × 5，交期 2026-11-24（今天到期），计划',
    ]);

    const [items] = await say('chenjing', '物料列表');
    expect(items?.split('\n').slice(0, 3)).toEqual([
      '物料共 7 种：',
      'BAR-45 45# 圆钢（kg）',
      'BRK-100 安装支架（件）',
    ]);

    const open = await app.orm.em.fork().findOneOrFail(ProductionException, { status: { $ne: 'closed' } });
    expect(await say('wangfang', `关闭 E${open.id} 仓库已补 45# 圆钢 200kg`)).toEqual([
      `异常 E${open.id} 已关闭，从上报到关闭用时 20 小时。说明：仓库已补 45# 圆钢 200kg`,
    ]);
    expect(await app.orm.em.fork().findOneOrFail(ProductionException, open.id)).toMatchObject({
      status: 'closed',
      closeNote: '仓库已补 45# 圆钢 200kg',
    });
    expect((await say('lijianguo', '异常列表'))[0]?.split('\n')).toEqual([
      '异常共 3 条（最新的在前）：',
      `E${open.id}【已关闭】缺料 WO-DEMO-003：45# 圆钢缺料，等仓库补货（张伟 11-23 14:00），说明：仓库已补 45# 圆钢 200kg`,
      // The demo complaint story's exception (quality's demo), raised after the others.
      `E${open.id + 2}【已关闭】质量问题 WO-DEMO-001：调质回来的轴有 1 件跳动超差 0.03mm，装夹找正不了，已隔离（刘洋 11-22 10:20），说明：复检确认热处理变形，已随外协质检判不合格，通知恒力热处理`,
      `E${open.id + 1}【已关闭】设备故障 WO-DEMO-004：钻床主轴异响，设备故障（胡杰 11-22 09:20）`,
    ]);
    expect(await say('lijianguo', '异常列表 未关闭')).toEqual(['没有未关闭的异常。']);
  });

  it('取消工单 stops the open operations and keeps the reports; 改交期 records who moved it from when to when', async () => {
    const reportsBefore = await app.orm.em
      .fork()
      .count(WorkReport, { task: { workOrder: { number: 'WO-DEMO-001' } } });
    expect(await say('zhangwei', '取消工单 WO-DEMO-001 客户撤单')).toEqual([
      '「取消工单」只有计划员、车间主任可以使用。',
    ]);
    expect(await say('chenjing', '取消工单 WO-DEMO-001')).toEqual([
      '缺少原因。\n用法：取消工单 <工单号> <原因>',
    ]);
    expect(await say('chenjing', '取消工单 WO-DEMO-001 客户撤单')).toEqual([
      '工单 WO-DEMO-001 已取消，3 道未完成的工序已停止。已报的数量保留。',
    ]);
    expect((await order('WO-DEMO-001')).status).toBe('cancelled');
    expect(await tasksOf('WO-DEMO-001')).toEqual([
      [10, 'cancelled', 'zhangwei'],
      [20, 'cancelled', 'liuyang'],
      [30, 'cancelled', null],
    ]);
    expect(
      await app.orm.em.fork().count(WorkReport, { task: { workOrder: { number: 'WO-DEMO-001' } } }),
    ).toBe(reportsBefore);
    const told = await app.orm.em
      .fork()
      .find(OutboxMessage, { recipientKey: { $in: ['zhangwei', 'liuyang'] } }, { orderBy: { id: 'asc' } });
    expect(
      told.flatMap((m) => (m.content.kind === 'text' ? [[m.recipientKey, m.content.text]] : [])).slice(-2),
    ).toEqual([
      ['zhangwei', '陈静 取消了工单 WO-DEMO-001（客户撤单），「车削」不用再做了。'],
      ['liuyang', '陈静 取消了工单 WO-DEMO-001（客户撤单），「铣键槽」不用再做了。'],
    ]);
    expect(await say('zhangwei', '完工 WO-DEMO-001 5')).toEqual([
      '工单 WO-DEMO-001 当前状态是「已取消」，不能报工。',
    ]);
    expect(await say('chenjing', '取消工单 WO-DEMO-007 重复')).toEqual([
      '工单 WO-DEMO-007 当前是「已完工」，已不能修改。',
    ]);

    expect(await say('chenjing', '改交期 WO-DEMO-002 12-05')).toEqual([
      '工单 WO-DEMO-002 的交期已从 2026-11-26 改为 2026-12-05。',
    ]);
    expect(await say('chenjing', '改交期 WO-DEMO-002 11-20')).toEqual([
      '⚠️ 交期 2026-11-20 已经过去了（今天是 2026-11-24）。确定用这个交期吗？回复「是」确认，「否」放弃。',
    ]);
    expect(await say('chenjing', '否')).toEqual(['好的，交期没有改。']);
    expect(await say('chenjing', '改交期 WO-DEMO-002 12-05')).toEqual([
      '工单 WO-DEMO-002 的交期本来就是 2026-12-05。',
    ]);
    // As voice input writes it: the date it already has.
    expect(await say('chenjing', '改交期 WO-DEMO-002 十二月五号')).toEqual([
      '工单 WO-DEMO-002 的交期本来就是 2026-12-05。',
    ]);
    expect(await say('chenjing', '改交期 WO-DEMO-002 十二月三十二号')).toEqual([
      '「十二月三十二号」不是有效的交期，请写成 12-01、2026-12-01 或「明天」。',
    ]);
    expect((await order('WO-DEMO-002')).dueDate).toBe('2026-12-05');
    const audit = await app.orm.em
      .fork()
      .find(AuditEntry, { action: 'work_order.due_date', subjectId: 'WO-DEMO-002' });
    expect(audit.map((a) => [a.actorId, a.at.toISOString(), a.details])).toEqual([
      ['chenjing', '2026-11-24T02:00:00.000Z', { from: '2026-11-26', to: '2026-12-05' }],
    ]);
  });

  it('a lead dispatching outside their team is asked to confirm; inside it, or as supervisor, it just happens', async () => {
    const question =
      '吴军 不在您的班组。确定把 WO-DEMO-001「磨削」派给 吴军 吗？回复「是」确认，「否」放弃。';
    // Before: the task went to another team's worker without a word.
    expect(await say('wangfang', '派工 WO-DEMO-001 30 @吴军')).toEqual([question]);
    expect(await say('wangfang', '否')).toEqual(['好的，没有派工。']);
    expect(await tasksOf('WO-DEMO-001')).toContainEqual([30, 'pending', null]);
    expect(await say('wangfang', '派工 WO-DEMO-001 30 冲压组')).toEqual([
      question.replaceAll('吴军', '冲压组'),
    ]);
    expect(await say('wangfang', '派工 WO-DEMO-001 30 @吴军')).toEqual([question]);
    expect(await say('wangfang', '是')).toEqual(['已派工：WO-DEMO-001「磨削」→ 吴军。']);
    expect(await tasksOf('WO-DEMO-001')).toContainEqual([30, 'dispatched', 'wujun']);

    expect(await say('lijianguo', '派工 WO-DEMO-006 20 @吴军')).toEqual([
      '已派工：WO-DEMO-006「铣键槽」→ 吴军。',
    ]);
    expect(await say('wangfang', '派工 WO-DEMO-006 20 @刘洋')).toEqual([
      '已派工：WO-DEMO-006「铣键槽」→ 刘洋，设备 CNC-02。',
    ]);
    // The machine named is the one answered and stored (the answer once left it out).
    expect(await say('wangfang', '派工 WO-DEMO-006 20 设备 CNC-01 @刘洋')).toEqual([
      '已派工：WO-DEMO-006「铣键槽」→ 刘洋，设备 CNC-01。',
    ]);
    const milling = await app.orm.em
      .fork()
      .findOneOrFail(
        OperationTask,
        { workOrder: { number: 'WO-DEMO-006' }, sequence: 20 },
        { populate: ['equipment'] },
      );
    expect(milling.equipment?.code).toBe('CNC-01');
  });
});
