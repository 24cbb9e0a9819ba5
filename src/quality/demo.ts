import type { DemoContext } from '../demo/demo-context.js';
import { closeException, raiseException } from '../workorders/exception-service.js';
import { loadOrder } from '../workorders/task-lookup.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import { Inspection } from './inspections/inspection.entity.js';
import { ParameterReading } from './parameters/parameter-reading.entity.js';

/**
 * The demo's customer complaint: 华东机械 reports a shaft of WO-DEMO-001 out of round. QC types
 * `追溯 WO-DEMO-001` and sees the bar lot (L2611-B45-01), who turned and milled it on which
 * machine and when, the spindle speed and coolant of every turning report, the 巡检 made on
 * both operations, the 调质 batch at 恒力热处理 (outsourcing's demo: one piece rejected for
 * 热处理不良) and the exception 刘洋 raised when a shaft from it would not clamp true;
 * `追溯 物料批次 L2611-B45-01` names every order and customer of that lot.
 */
export async function seedComplaintStory(ctx: DemoContext): Promise<void> {
  const em = ctx.em;
  const reports = await em.find(
    WorkReport,
    { task: { workOrder: { number: 'WO-DEMO-001' } }, reverses: null },
    { populate: ['task'], orderBy: { reportedAt: 'asc', id: 'asc' } },
  );
  // What the lathe's controller and the coolant check logged for each turning report.
  const turning = [
    { speed: 1000, coolant: 6.5 },
    { speed: 1050, coolant: 6.0 },
    { speed: 1180, coolant: 5.2 },
  ];
  let n = 0;
  for (const report of reports.filter((r) => r.task.sequence === 10)) {
    const logged = turning[n++ % turning.length]!;
    em.create(ParameterReading, {
      report,
      name: '转速',
      unit: 'rpm',
      value: logged.speed,
      min: 800,
      max: 1200,
      outOfLimits: false,
      source: 'api',
      recordedAt: report.reportedAt,
    });
    em.create(ParameterReading, {
      report,
      name: '浓度',
      unit: '%',
      value: logged.coolant,
      min: 5,
      max: 8,
      outOfLimits: false,
      source: 'chat',
      recordedAt: report.reportedAt,
    });
  }
  const taskOf = (sequence: number) => reports.find((r) => r.task.sequence === sequence)?.task;
  const patrols = [
    { sequence: 10, at: ctx.at(-3, '14:00'), accepted: 5, rejected: 0, note: '外径=Φ20.01 圆度=0.004' },
    { sequence: 20, at: ctx.at(-1, '16:00'), accepted: 4, rejected: 1, note: '键槽宽=6.04 对称度=0.03' },
  ];
  const unit = ctx.unit(em);
  for (const p of patrols) {
    const task = taskOf(p.sequence);
    if (!task) continue;
    const inspection = em.create(Inspection, {
      kind: 'patrol',
      task,
      inspector: 'zhouqiang',
      at: p.at,
      accepted: p.accepted,
      rejected: p.rejected,
      rework: 0,
      reasonCode: p.rejected > 0 ? 'D01' : null,
      note: p.note,
    });
    await em.flush();
    // Told like any recorded inspection, so the demo's webhook subscribers hear of it too.
    await unit.events.publish(unit, 'quality.inspection_recorded', {
      inspection,
      orderNumber: 'WO-DEMO-001',
    });
  }
  await em.flush();
  await raiseDeformationException(ctx);
}

/** Milling the first heat-treated shafts, 刘洋 finds one running out; QC closes it the same morning. */
async function raiseDeformationException(ctx: DemoContext): Promise<void> {
  await ctx.em.fork().transactional(async (tx) => {
    const unit = ctx.unit(tx);
    const loaded = await loadOrder(tx, 'WO-DEMO-001');
    const milling = loaded.tasks.find((t) => t.sequence === 20);
    const raised = await raiseException(
      unit,
      await ctx.actorOf(tx, 'liuyang', ctx.at(-2, '10:20')),
      loaded,
      milling,
      '调质回来的轴有 1 件跳动超差 0.03mm，装夹找正不了，已隔离',
    );
    await closeException(
      unit,
      await ctx.actorOf(tx, 'zhouqiang', ctx.at(-2, '11:05')),
      raised,
      '复检确认热处理变形，已随外协质检判不合格，通知恒力热处理',
    );
  });
}
