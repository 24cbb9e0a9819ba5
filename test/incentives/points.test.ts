import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOf } from '../../src/app-services.js';
import { pointTriggersOf } from '../../src/capabilities/assembled.js';
import { AuditEntry } from '../../src/chat/audit/audit-entry.entity.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { EvaluationCursor } from '../../src/incentives/evaluation-cursor.entity.js';
import { evaluateIncentives } from '../../src/incentives/evaluation-service.js';
import { pointsByPerson } from '../../src/incentives/ledger.js';
import { weekOf } from '../../src/incentives/periods.js';
import { PointEntry } from '../../src/incentives/point-entry.entity.js';
import { correctReport } from '../../src/workorders/correction-service.js';
import { reportTask } from '../../src/workorders/reporting-service.js';
import { loadOrder } from '../../src/workorders/task-lookup.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import type { DemoApp } from '../support/demo-app.js';
import { consoleActor } from '../support/people.js';
import { MONDAY_0910, startIncentivesDemo } from './incentives-demo.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `[${r.kind}]`));

describe('points for the demo week, under the rules of incentives-demo.ts', () => {
  let app: DemoApp;
  const evaluate = () =>
    evaluateIncentives({
      em: app.orm.em.fork(),
      config: app.factory,
      tz: app.settings.factoryTz,
      now: app.clock.now(),
      triggers: pointTriggersOf(app.services.capabilities),
    });
  const entriesOf = (personId: string) =>
    app.orm.em.fork().find(PointEntry, { person: personId }, { orderBy: { occurredAt: 'asc', id: 'asc' } });

  beforeAll(async () => {
    app = await startIncentivesDemo();
    // Monday 09:10: the first evaluation catches up on the whole of last week.
    await evaluate();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('are exact for every person', async () => {
    const lastWeek = await pointsByPerson(
      app.orm.em.fork(),
      weekOf(app.clock.now(), app.settings.factoryTz, 1),
    );
    // report (1, at most 2 a day) + big-batch (5, at most 8 a week) + early-finish (3, done by the
    // due day's last shift end) + full-shift (2)
    expect(Object.fromEntries(lastWeek.map((p) => [p.personId, p.points]))).toEqual({
      wujun: 3 + 8 + 6 + 6,
      guolin: 1 + 5 + 3 + 2,
      maling: 2 + 5 + 6 + 4,
      zhangwei: 4 + 0 + 0 + 6,
      heping: 1 + 0 + 3 + 2,
      hujie: 2 + 0 + 0 + 4,
      xuqiang: 2 + 0 + 0 + 4,
      // Three reports, but the operation he started on Sunday was never reported: no full-shift that day.
      liuyang: 2 + 0 + 0 + 2,
      sunhao: 1 + 0 + 3 + 2,
      yangfan: 1 + 0 + 3 + 2,
    });
    const heping = await entriesOf('heping');
    expect(heping.map((e) => [e.ruleId, e.eventKey?.split(':')[0], e.points, e.reason])).toEqual([
      ['full-shift', 'shift_reported', 2, '当班全部报工'],
      ['report', 'work_report', 1, '报工'],
      ['early-finish', 'task_finished', 3, '提前完工'],
    ]);
    expect(heping[2]?.details).toMatchObject({
      plannedMinutes: 80,
      actualMinutes: 120,
      // Done 11-24 10:00, due 11-25: the plan ends with that day's night shift, 11-26 08:00.
      minutesBeforePlannedEnd: 46 * 60,
    });
  });

  it('a cap stops awards: the third report of a day, and the big batch past the weekly cap', async () => {
    const zhangwei = await entriesOf('zhangwei');
    const sunday = zhangwei.filter(
      (e) => e.ruleId === 'report' && e.occurredAt >= new Date('2026-11-28T16:00:00Z'),
    );
    const reportsThatDay = await app.orm.em.fork().count(WorkReport, {
      person: 'zhangwei',
      reportedAt: { $gte: new Date('2026-11-28T16:00:00Z'), $lt: new Date('2026-11-29T16:00:00Z') },
    });
    expect(reportsThatDay).toBe(3);
    expect(sunday.map((e) => e.points)).toEqual([1, 1]);

    const bigBatches = (await entriesOf('wujun')).filter((e) => e.ruleId === 'big-batch');
    expect(bigBatches.map((e) => [e.details.workOrder, e.points, e.details.cappedFrom])).toEqual([
      ['WO-DEMO-002', 5, undefined],
      ['WO-DEMO-012', 3, 5],
    ]);

    // Today the day cap starts again from zero, and stops 张伟 at his third report again.
    app.clock.set('2026-11-30T02:00:00Z');
    for (const quantity of [2, 3, 4]) await app.as('zhangwei').say(`完工 WO-DEMO-001 ${quantity}`);
    // No report waits for its points: the job pays them a minute later, and a second run nothing.
    app.clock.set('2026-11-30T02:01:00Z');
    expect(await evaluate()).toMatchObject({ work_report: 2 });
    expect(await evaluate()).toMatchObject({ work_report: 0 });
    const today = (await entriesOf('zhangwei')).filter(
      (e) => e.occurredAt >= new Date('2026-11-29T16:00:00Z'),
    );
    expect(today.map((e) => [e.ruleId, e.details.good, e.points])).toEqual([
      ['report', 2, 1],
      ['report', 3, 1],
    ]);
  });

  it('a replayed report earns nothing twice, however often the events are read again', async () => {
    app.clock.set('2026-11-30T03:00:00Z');
    const xuqiang = app.as('xuqiang');
    const first = await xuqiang.say('完工 WO-DEMO-002 10', 'wecom-msg-1');
    // The platform delivers the same message again: the chat answers as before and records nothing.
    expect(await xuqiang.say('完工 WO-DEMO-002 10', 'wecom-msg-1')).toEqual(first);
    app.clock.set('2026-11-30T03:01:00Z');
    await evaluate();
    const before = await entriesOf('xuqiang');
    expect(
      before.filter((e) => e.occurredAt >= new Date(MONDAY_0910)).map((e) => [e.ruleId, e.points]),
    ).toEqual([['report', 1]]);

    // Evaluating again, and from scratch with the cursors gone (as after a restore), pays nobody again.
    await evaluate();
    await app.orm.em.fork().nativeDelete(EvaluationCursor, {});
    expect(await evaluate()).toEqual({ work_report: 0, task_finished: 0, shift_reported: 0 });
    expect((await entriesOf('xuqiang')).map((e) => e.id)).toEqual(before.map((e) => e.id));
  });

  it('a report already reversed when the job first reads it earns nothing', async () => {
    // Recorded and corrected to nothing before any evaluation read it: the job reads the report
    // only after its reversal.
    app.clock.set('2026-11-30T03:30:00Z');
    const reportId = await app.orm.em.fork().transactional(async (em) => {
      const deps = unitOf(app.services, em);
      const actor = (id: string) => consoleActor(em, id, app.clock.now());
      const loaded = await loadOrder(em, 'WO-DEMO-002');
      const task = loaded.tasks.find((t) => t.assignee?.id === 'xuqiang')!;
      const { report } = await reportTask(deps, await actor('xuqiang'), loaded, task, 3, 0);
      await em.flush();
      await correctReport(deps, await actor('lijianguo'), `B${report.id}`, 0, 0);
      return report.id;
    });
    app.clock.set('2026-11-30T03:31:00Z');
    await evaluate();
    const paid = await app.orm.em.fork().find(PointEntry, { eventKey: `work_report:${reportId}` });
    expect(paid).toEqual([]);
  });

  it('a supervisor’s deduction shows in 积分 with its reason, and is audited', async () => {
    app.clock.set('2026-11-30T04:00:00Z');
    expect(texts(await app.as('lijianguo').say('扣分 @刘洋 3 报工数量与实物不符'))).toEqual([
      '已给刘洋扣 3 分：报工数量与实物不符。',
    ]);
    expect(texts(await app.as('liuyang').say('积分'))).toEqual([
      [
        '刘洋的积分：本周 -3 分，累计 1 分。',
        '最近记录：',
        '· 11-30 12:00 -3 主管扣分：报工数量与实物不符（李建国）',
        '· 11-29 17:00 +1 报工（WO-DEMO-001 铣键槽 合格 15 件）',
        '· 11-28 10:00 +1 报工（WO-DEMO-001 铣键槽 合格 25 件）',
        '· 11-28 08:00 +2 当班全部报工（11-28 白班，1 道工序）',
      ].join('\n'),
    ]);
    const notice = await app.orm.em
      .fork()
      .findOneOrFail(OutboxMessage, { personId: 'liuyang' }, { orderBy: { id: 'desc' } });
    expect(notice.content).toEqual({
      kind: 'text',
      text: '李建国扣了您 3 分：报工数量与实物不符。如有疑问请找李建国。',
    });
    const audit = await app.orm.em.fork().findOneOrFail(AuditEntry, { action: 'points.adjust' });
    expect(audit).toMatchObject({
      actorId: 'lijianguo',
      subjectId: 'liuyang',
      details: { points: -3, reason: '报工数量与实物不符' },
    });
  });

  it('only a supervisor gives or takes points by hand, and a worker sees only their own', async () => {
    const before = await app.orm.em.fork().count(PointEntry, { source: 'manual' });
    expect(texts(await app.as('zhangwei').say('加分 @张伟 100 自己给自己'))).toEqual([
      '「加分」只有车间主任可以使用。',
    ]);
    expect(texts(await app.as('lijianguo').say('加分 @张伟 1.5 帮忙'))).toEqual([
      '「1.5」不对：分数要写成 1 到 1000 的整数，例如「加分 @张伟 5 帮忙调机」。',
    ]);
    // The example is of the command written, not always of 加分.
    expect(texts(await app.as('lijianguo').say('扣分 @张伟 0 迟到'))).toEqual([
      '「0」不对：分数要写成 1 到 1000 的整数，例如「扣分 @张伟 5 未按规定穿戴劳保用品」。',
    ]);
    expect(await app.orm.em.fork().count(PointEntry, { source: 'manual' })).toBe(before);
    expect(texts(await app.as('zhangwei').say('积分 @吴军'))).toEqual(['您只能查看自己的积分。']);
    expect(texts(await app.as('zhoumin').say('积分 @吴军'))[0]).toMatch(
      /^吴军的积分：本周 0 分，累计 23 分。/,
    );
  });

  it('规则 lists the active rules in plain Chinese', async () => {
    expect(texts(await app.as('zhangwei').say('规则'))).toEqual([
      [
        '积分规则（每周一 09:10 在班组群公布上周积分榜）：',
        '1. 报工：每次报工，+1 分（每天最多 2 分）',
        '2. 大批量零报废：每次报工，当合格数 ≥ 100 且 报废数 = 0 时，+5 分（每周最多 8 分）',
        '3. 提前完工：工序完工，当比计划提前的分钟数 ≥ -60 时，+3 分',
        '4. 当班全部报工：一个班次里做过的工序都在下班前报了工，+2 分',
        '主管也可以手动加分或扣分，并写明原因。',
      ].join('\n'),
    ]);
  });

  it('积分 right after three reports shows their points at once; the job then pays nothing twice', async () => {
    app.clock.set('2026-11-30T06:00:00Z');
    const huangtao = app.as('huangtao');
    await huangtao.say('开工 WO-DEMO-005');
    for (const minute of [1, 2, 3]) {
      app.clock.set(`2026-11-30T06:0${minute}:00Z`);
      await huangtao.say('完工 WO-DEMO-005 10');
    }
    expect(texts(await huangtao.say('积分'))).toEqual([
      [
        '黄涛的积分：本周 2 分，累计 2 分。',
        '最近记录：',
        '· 11-30 14:02 +1 报工（WO-DEMO-005 车削 合格 10 件）',
        '· 11-30 14:01 +1 报工（WO-DEMO-005 车削 合格 10 件）',
      ].join('\n'),
    ]);
    const paid = await entriesOf('huangtao');
    expect(paid.map((e) => [e.ruleId, e.eventKey?.split(':')[0], e.points])).toEqual([
      ['report', 'work_report', 1],
      ['report', 'work_report', 1],
    ]);
    app.clock.set('2026-11-30T06:10:00Z');
    expect(await evaluate()).toMatchObject({ work_report: 0, task_finished: 0 });
    expect((await entriesOf('huangtao')).map((e) => e.id)).toEqual(paid.map((e) => e.id));
  });

  it('比计划提前 is measured against the due date: finishing right after 开工 on a late order earns nothing, before the due date it does', async () => {
    // WO-DEMO-005 was due yesterday: done minutes after 开工, it is still late by the plan.
    await app.orm.em.fork().nativeUpdate(WorkOrder, { number: 'WO-DEMO-005' }, { dueDate: '2026-11-29' });
    app.clock.set('2026-11-30T06:05:00Z');
    expect(texts(await app.as('huangtao').say('完工 WO-DEMO-005 970'))[0]).toMatch(/^已报工/);
    await evaluate();
    const late = await app.orm.em.fork().find(PointEntry, { person: 'huangtao', ruleId: 'early-finish' });
    expect(late).toEqual([]);

    // WO-DEMO-012 is due on Thursday: its 折弯 done on Monday afternoon is ahead of the plan.
    app.clock.set('2026-11-30T07:00:00Z');
    await app.as('maling').say('开工 WO-DEMO-012');
    app.clock.set('2026-11-30T07:01:00Z');
    await app.as('maling').say('完工 WO-DEMO-012 100');
    await evaluate();
    const early = await app.orm.em
      .fork()
      .find(PointEntry, { person: 'maling', ruleId: 'early-finish', occurredAt: { $gte: app.clock.now() } });
    expect(early.map((e) => [e.points, e.details.workOrder, e.details.minutesBeforePlannedEnd])).toEqual([
      // Due 12-03: the plan ends with that day's night shift, 12-04 08:00 Shanghai (00:00 UTC).
      [3, 'WO-DEMO-012', (Date.parse('2026-12-04T00:00:00Z') - Date.parse('2026-11-30T07:01:00Z')) / 60_000],
    ]);
  });

  it('a report does not wait for its points: 排行 right after it pays them first, and counts them', async () => {
    // The next day: a test before used up 张伟's day cap on Monday.
    app.clock.set('2026-12-01T06:00:00Z');
    const [reply] = texts(await app.as('zhangwei').say('完工 WO-DEMO-001 1'));
    expect(reply).toMatch(/^已报工/);
    const key = `work_report:${/报工号 B(\d+)/.exec(reply ?? '')?.[1]}`;
    const entries = () => app.orm.em.fork().find(PointEntry, { eventKey: key });
    expect(await entries()).toEqual([]);
    const [board] = texts(await app.as('zhangwei').say('排行'));
    expect((await entries()).map((e) => [e.person.id, e.points])).toEqual([['zhangwei', 1]]);
    const week = await app.orm.em.fork().find(PointEntry, {
      person: 'zhangwei',
      occurredAt: { $gte: new Date('2026-11-29T16:00:00Z') },
    });
    expect(board).toContain(`张伟 ${week.reduce((sum, e) => sum + e.points, 0)} 分`);
  });
  it('a corrected report keeps its point, paid on the corrected pieces, and the cap counts it once', async () => {
    // Wednesday: 徐强 reaches the 2-a-day cap of 报工 with two reports, and the second is corrected.
    app.clock.set('2026-12-02T02:00:00Z');
    const reportId = async (text: string) =>
      Number(/报工号 B(\d+)/.exec(texts(await app.as('xuqiang').say(text))[0] ?? '')?.[1]);
    await reportId('完工 WO-DEMO-002 3');
    const second = await reportId('完工 WO-DEMO-002 4');
    app.clock.set('2026-12-02T02:01:00Z');
    await evaluate();
    app.clock.set('2026-12-02T03:00:00Z');
    expect(texts(await app.as('lijianguo').say(`更正 B${second} 5`))[0]).toMatch(/^已更正报工/);
    app.clock.set('2026-12-02T03:01:00Z');
    await evaluate();
    const day = (await entriesOf('xuqiang')).filter((e) => e.occurredAt >= new Date('2026-12-02T00:00:00Z'));
    expect(day.map((e) => [e.ruleId ?? null, e.points, e.details.good ?? null])).toEqual([
      ['report', 1, 3],
      ['report', 1, 4],
      [null, -1, null],
      ['report', 1, 5],
    ]);
    expect(day.reduce((sum, e) => sum + e.points, 0)).toBe(2);
    expect(day[2]?.reason).toBe(`报工 B${second} 已更正，收回「报工」的得分`);
    // Dated like the report it corrects, so it counts in the same day and week.
    expect(day[3]?.occurredAt).toEqual(day[1]?.occurredAt);

    // A second 更正 takes back what the first one's report earned and pays the report as it
    // stands now; two made before the points run pay only the last.
    app.clock.set('2026-12-02T04:00:00Z');
    expect(texts(await app.as('lijianguo').say(`更正 B${second} 6`))[0]).toContain('合格 5 → 6 件');
    app.clock.set('2026-12-02T04:01:00Z');
    await evaluate();
    expect(texts(await app.as('lijianguo').say(`更正 B${second} 7`))[0]).toContain('合格 6 → 7 件');
    expect(texts(await app.as('lijianguo').say(`更正 B${second} 8`))[0]).toContain('合格 7 → 8 件');
    app.clock.set('2026-12-02T04:02:00Z');
    await evaluate();
    const recorrected = (await entriesOf('xuqiang')).filter(
      (e) => e.occurredAt >= new Date('2026-12-02T00:00:00Z'),
    );
    expect(recorrected.slice(4).map((e) => [e.ruleId ?? null, e.points, e.details.good ?? null])).toEqual([
      [null, -1, null],
      ['report', 1, 6],
      [null, -1, null],
      ['report', 1, 8],
    ]);
    expect(recorrected.reduce((sum, e) => sum + e.points, 0)).toBe(2);

    // Thursday: an undo after the report was paid takes its point back, and pays nothing for it.
    app.clock.set('2026-12-03T02:00:00Z');
    const third = await reportId('完工 WO-DEMO-002 2');
    app.clock.set('2026-12-03T02:01:00Z');
    await evaluate();
    expect(texts(await app.as('xuqiang').say('撤销'))[0]).toContain(`B${third}`);
    app.clock.set('2026-12-03T02:06:00Z');
    await evaluate();
    const thursday = (await entriesOf('xuqiang')).filter(
      (e) => e.occurredAt >= new Date('2026-12-03T00:00:00Z'),
    );
    expect(thursday.map((e) => [e.points, e.reason])).toEqual([
      [1, '报工'],
      [-1, `报工 B${third} 已撤销，收回「报工」的得分`],
    ]);
  });
});
