import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { Inspection } from '../../src/quality/inspections/inspection.entity.js';
import { ReworkTask } from '../../src/quality/inspections/rework-task.entity.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { lastReportLabel } from '../support/reports.js';

const text = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`)).join('\n');

const REASONS = '原因码：D01 尺寸超差、S01 表面划伤、B01 毛刺、M01 材料缺陷、H01 热处理不良';

/**
 * 首检 and 终检 on the demo shop: 周强 (QC) judges the first piece of 刘洋's turning on
 * WO-DEMO-006 and counts the finished output of WO-DEMO-007; every figure is the stored one.
 */
describe('inspections: a first-article hold, and final inspection with reject reasons', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(() => app.stop());

  const em = () => app.orm.em.fork();
  const turning = () =>
    em().findOneOrFail(OperationTask, { workOrder: { number: 'WO-DEMO-006' }, sequence: 10 });
  const reportsOn = async (number: string) => em().count(WorkReport, { task: { workOrder: { number } } });
  const pushesTo = async (recipientKey: string) =>
    (await em().find(OutboxMessage, { recipientKey }, { orderBy: { id: 'asc' } })).map((m) => m.content);

  it('holds reports past the first piece until QC passes it, then reports flow', async () => {
    const fork = em();
    const task = await fork.findOneOrFail(OperationTask, {
      workOrder: { number: 'WO-DEMO-006' },
      sequence: 10,
    });
    task.firstArticle = true;
    await fork.flush();
    const liuyang = app.as('liuyang');

    // More than the first piece before any inspection: refused, nothing stored, QC named.
    expect(text(await liuyang.say('完工 WO-DEMO-006 5'))).toBe(
      'WO-DEMO-006「车削」要先首检：首检合格前只能报 1 件首件（已报 0 件）。请找质检 周强 做首检，合格后再报工。',
    );
    expect(await reportsOn('WO-DEMO-006')).toBe(0);

    // The first piece goes through and QC is asked, through the outbox.
    const before = (await pushesTo('zhouqiang')).length;
    expect(text(await liuyang.say('完工 WO-DEMO-006 1'))).toBe(
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-006「车削」合格 1 件。还剩 49 件。`,
    );
    const asked = (await pushesTo('zhouqiang')).slice(before);
    expect(asked).toEqual([
      {
        kind: 'text',
        text:
          '首检：WO-DEMO-006「车削」首件 1 件已报工，等您检验。请发送「首检 WO-DEMO-006 工序10 合格」' +
          `或「首检 WO-DEMO-006 工序10 不合格 <原因码> [说明]」。${REASONS}`,
      },
    ]);

    // Still held after the first piece, and after a failed first article.
    expect(text(await liuyang.say('完工 WO-DEMO-006 1'))).toContain(
      '要先首检：首检合格前只能报 1 件首件（已报 1 件）',
    );
    // The only operation flagged may be left out; 不合格 is the verdict, not an operation's name.
    expect(text(await app.as('zhouqiang').say('首检 WO-DEMO-006 不合格 D01 外圆大 0.02'))).toBe(
      '已记录首检不合格：WO-DEMO-006「车削」（尺寸超差，外圆大 0.02），该工序仍暂停在首件。' +
        '\n如需附照片，请直接发送图片，将附在首检 WO-DEMO-006「车削」上。',
    );
    expect((await pushesTo('liuyang')).at(-1)).toEqual({
      kind: 'text',
      text: '首检不合格：WO-DEMO-006「车削」（周强）：尺寸超差，外圆大 0.02。请调整后重做首件并报工，质检会再检。',
    });
    expect(text(await liuyang.say('完工 WO-DEMO-006 2'))).toContain('只能报 2 件首件（已报 1 件）');

    // The new first piece, passed: the hold lifts and the rest is reported in one go.
    await liuyang.say('完工 WO-DEMO-006 1');
    expect(text(await app.as('zhouqiang').say('首检 WO-DEMO-006 车削 合格'))).toBe(
      '已记录首检合格：WO-DEMO-006「车削」，已通知操作工继续生产。' +
        '\n如需附照片，请直接发送图片，将附在首检 WO-DEMO-006「车削」上。',
    );
    expect(text(await liuyang.say('完工 WO-DEMO-006 48'))).toContain('合格 48 件。本工序已完成。');
    expect(await turning()).toMatchObject({ goodTotal: 50, status: 'done' });

    const inspections = await em().find(Inspection, { task }, { orderBy: { id: 'asc' } });
    expect(
      inspections.map((i) => [i.kind, i.accepted, i.rejected, i.reasonCode, i.note, i.inspector.id]),
    ).toEqual([
      ['first_article', 0, 1, 'D01', '外圆大 0.02', 'zhouqiang'],
      ['first_article', 1, 0, null, null, 'zhouqiang'],
    ]);
    expect(text(await app.as('zhouqiang').say('首检 WO-DEMO-006 10 合格'))).toBe(
      'WO-DEMO-006「车削」的首检已经合格，无需再检。',
    );
  });

  it('records a final inspection with partial accepted, rejected and rework counts, exactly; reworked good pieces come back to it', async () => {
    const tasks = await em().find(
      OperationTask,
      { workOrder: { number: 'WO-DEMO-007' } },
      { orderBy: { sequence: 'desc' }, populate: ['assignee'] },
    );
    const last = tasks[0]!;
    expect([last.goodTotal, last.assignee?.id]).toEqual([200, 'guolin']);
    const qc = app.as('zhouqiang');

    expect(text(await qc.say('终检 WO-DEMO-007 合格 150 不合格 7 原因 S01 返工 3'))).toMatch(
      /^已记录终检：WO-DEMO-007 合格 150 件，不合格 7 件（S01 表面划伤），返工 3 件（返工单 RW(\d+)，已通知 郭林）。还有 40 件待检。\n如需附照片，请直接发送图片，将附在终检 WO-DEMO-007「[^」]+」上。$/,
    );
    const [rework] = await em().find(ReworkTask, { task: last.id });
    const label = `RW${rework!.id}`;
    expect(rework).toMatchObject({ quantity: 3, status: 'open' });
    expect((await pushesTo('guolin')).at(-1)).toEqual({
      kind: 'text',
      text: `返工：WO-DEMO-007「${last.name}」终检有 3 件要返工（返工单 ${label}，质检 周强）。返工后发送「返工完成 ${label} <合格数> [报废 <数>]」。`,
    });

    // Over what waits: refused with the figures, nothing stored.
    expect(text(await qc.say('终检 WO-DEMO-007 合格 40 返工 1'))).toBe(
      `终检数量超出：WO-DEMO-007 末道工序「${last.name}」待检 40 件，您检了 41 件。请核对后重发。`,
    );

    // The rework: only its worker (or a lead), all pieces at once; the good ones wait for 终检 again.
    expect(text(await app.as('maling').say(`返工完成 ${label} 3`))).toBe(
      `返工单 ${label} 不是派给您的，请找班组长。`,
    );
    expect(text(await app.as('guolin').say(`返工完成 ${label} 2`))).toBe(
      `返工单 ${label} 共 3 件，合格加报废应等于 3 件，您写了 2 件。`,
    );
    expect(text(await app.as('guolin').say(`返工完成 ${label} 2 报废 1`))).toBe(
      `已记录返工完成 ${label}：合格 2 件，报废 1 件，已通知质检。`,
    );
    expect((await pushesTo('zhouqiang')).at(-1)).toEqual({
      kind: 'text',
      text: `返工完成：WO-DEMO-007「${last.name}」${label}（郭林）合格 2 件，报废 1 件；2 件回到待终检。`,
    });
    expect(text(await app.as('guolin').say(`返工完成 ${label} 3`))).toBe(`返工单 ${label} 已经完成。`);

    expect(text(await qc.say('终检 WO-DEMO-007 合格 42'))).toBe(
      `已记录终检：WO-DEMO-007 合格 42 件。还有 0 件待检。\n如需附照片，请直接发送图片，将附在终检 WO-DEMO-007「${last.name}」上。`,
    );
    expect(text(await qc.say('终检 WO-DEMO-007 合格 1'))).toContain('待检 0 件，您检了 1 件');

    const stored = await em().find(Inspection, { kind: 'final', task: last.id }, { orderBy: { id: 'asc' } });
    expect(stored.map((i) => [i.accepted, i.rejected, i.rework, i.reasonCode])).toEqual([
      [150, 7, 3, 'S01'],
      [42, 0, 0, null],
    ]);
    expect(await em().findOneOrFail(ReworkTask, rework!.id)).toMatchObject({
      status: 'done',
      good: 2,
      scrap: 1,
    });

    // The trace of the order now carries both final inspections under its last operation.
    const trace = text(await qc.say('追溯 WO-DEMO-007'));
    expect(trace).toMatch(
      /\n {2}终检 \S+ \S+ 周强：合格 150，不合格 7（S01），返工 3\n {2}终检 \S+ \S+ 周强：合格 42/,
    );
  });

  it('refuses a bad reason code with the list of valid ones, and rejects without a reason', async () => {
    const qc = app.as('zhouqiang');
    const before = await em().count(Inspection, {});
    expect(text(await qc.say('终检 WO-DEMO-001 合格 1 不合格 1 原因 X99'))).toBe(
      `没有原因码「X99」。可用的${REASONS}`,
    );
    expect(text(await qc.say('终检 WO-DEMO-001 合格 1 不合格 1'))).toBe(
      `有不合格品时请写原因码，例如「原因 D01」。可用的${REASONS}`,
    );
    expect(text(await qc.say('终检 WO-DEMO-001 合格 1 原因 D01'))).toBe('只有写了不合格数量时才写原因码。');
    expect(text(await qc.say('首检 WO-DEMO-001 工序10 不合格 X99 毛刺'))).toBe(
      `没有原因码「X99」。可用的${REASONS}`,
    );
    expect(text(await qc.say('首检 WO-DEMO-001 工序10 合格'))).toBe('WO-DEMO-001「车削」不需要首检。');
    expect(await em().count(Inspection, {})).toBe(before);
  });

  it('首检 without the operation asks which, when more than one flagged operation is running', async () => {
    const fork = em();
    const tasks = await fork.find(OperationTask, { workOrder: { number: 'WO-DEMO-001' } });
    for (const task of tasks) task.firstArticle = true;
    await fork.flush();
    const qc = app.as('zhouqiang');
    const before = await em().count(Inspection, {});
    const question =
      'WO-DEMO-001 首检哪道工序？请回复工序号：10 车削、20 铣键槽。下次可以一次写全，例如「首检 WO-DEMO-001 工序10 合格」。';
    expect(text(await qc.say('首检 WO-DEMO-001 合格'))).toBe(question);
    expect(text(await qc.say('40'))).toContain('WO-DEMO-001 没有工序「40」');
    expect(text(await qc.say('20'))).toBe(
      '已记录首检合格：WO-DEMO-001「铣键槽」，已通知操作工继续生产。' +
        '\n如需附照片，请直接发送图片，将附在首检 WO-DEMO-001「铣键槽」上。',
    );
    const stored = await em().find(Inspection, {}, { populate: ['task'], orderBy: { id: 'asc' } });
    expect(stored.length).toBe(before + 1);
    expect([stored.at(-1)?.kind, stored.at(-1)?.task.sequence]).toEqual(['first_article', 20]);

    expect(text(await qc.say('首检 WO-DEMO-007 合格'))).toBe(
      'WO-DEMO-007 的工序都不要求首检（工艺路线里没有标首检的工序）。',
    );
    expect(await em().count(Inspection, {})).toBe(before + 1);
  });

  it('refuses inspections from anyone but QC', async () => {
    const before = await em().count(Inspection, {});
    expect(text(await app.as('liuyang').say('首检 WO-DEMO-006 工序10 合格'))).toBe(
      '「首检」只有质检员可以使用。',
    );
    expect(text(await app.as('lijianguo').say('终检 WO-DEMO-007 合格 1'))).toBe(
      '「终检」只有质检员可以使用。',
    );
    expect(await em().count(Inspection, {})).toBe(before);
  });
});
