import type { EntityManager } from '@mikro-orm/core';
import { recordAudit, type Actor } from '../../chat/audit/actor.js';
import { text } from '../../chat/outbound.js';
import { NoLongerDue, once } from '../../db/once.js';
import type { Services } from '../../services.js';
import { measure } from '../inspections/measurements.js';
import { RefusedError } from '../../shared/errors.js';
import { OperationTask } from '../../workorders/operation-task.entity.js';
import type { OrderWithTasks } from '../../workorders/task-lookup.js';
import { WorkReport } from '../../workorders/work-report.entity.js';
import type { PatrolPlan, RejectReason } from '../config.js';
import { inspectors } from '../inspections/first-article-notices.js';
import { Inspection } from '../inspections/inspection.entity.js';
import { patrolMessages as m } from './messages.js';
import { PatrolReminder } from './patrol-reminder.entity.js';

export interface PatrolDue {
  task: OperationTask;
  plan: PatrolPlan;
  lastPatrol: Inspection | null;
  hours: number;
  pieces: number;
  byHours: boolean;
  byPieces: boolean;
}

/**
 * The running operations whose 巡检 is due now: on a plan's item and step, in progress, and
 * `everyHours` since the last 巡检 (or the start) or `everyPieces` reported since then.
 */
export async function patrolsDue(
  em: EntityManager,
  plans: readonly PatrolPlan[],
  now: Date,
): Promise<PatrolDue[]> {
  const due: PatrolDue[] = [];
  for (const plan of plans) {
    const tasks = await em.find(
      OperationTask,
      { status: 'in_progress', sequence: plan.sequence, workOrder: { item: { code: plan.item } } },
      { populate: ['workOrder'], orderBy: { id: 'asc' } },
    );
    for (const task of tasks) {
      const lastPatrol = await em.findOne(
        Inspection,
        { task, kind: 'patrol' },
        { orderBy: { at: 'desc', id: 'desc' } },
      );
      const since = lastPatrol?.at ?? task.startedAt ?? now;
      const reports = await em.find(WorkReport, { task, reportedAt: { $gt: since } });
      const pieces = reports.reduce((n, r) => n + r.good + r.scrap, 0);
      const hours = Math.floor(((now.getTime() - since.getTime()) / 3_600_000) * 10) / 10;
      const byHours = plan.everyHours !== undefined && hours >= plan.everyHours;
      const byPieces = plan.everyPieces !== undefined && pieces >= plan.everyPieces;
      if (byHours || byPieces) due.push({ task, plan, lastPatrol, hours, pieces, byHours, byPieces });
    }
  }
  return due;
}

/**
 * The `quality:patrols` job: reminds QC (or the supervisors, without QC) of each due 巡检, once
 * per interval since the last one, whichever process runs the scan.
 */
export async function remindPatrols(deps: Services): Promise<number> {
  const now = deps.clock.now();
  let sent = 0;
  for (const due of await patrolsDue(deps.em, deps.config.quality.patrols, now)) {
    const after = due.lastPatrol?.id ?? 0;
    if ((await deps.em.count(PatrolReminder, { task: due.task, afterInspection: after })) > 0) continue;
    const result = await once(deps.em, async (tx) => {
      tx.create(PatrolReminder, { task: due.task.id, afterInspection: after, remindedAt: now });
      await tx.flush();
      const latest = await tx.findOne(
        Inspection,
        { task: due.task.id, kind: 'patrol' },
        { orderBy: { at: 'desc', id: 'desc' } },
      );
      if ((latest?.id ?? 0) !== after) throw new NoLongerDue();
      const last = due.lastPatrol !== null;
      const why = due.byPieces ? m.sincePieces(due.pieces, last) : m.sinceHours(due.hours, last);
      const message = text(
        m.remind(
          due.task.workOrder.number,
          due.task.name,
          due.task.sequence,
          why,
          due.plan.characteristics ?? [],
        ),
      );
      for (const person of await inspectors({ ...deps, em: tx }))
        await deps.outbox.enqueue(tx, { kind: 'person', personId: person.id }, message, {
          dedupeKey: `patrol:${due.task.id}:${after}:${person.id}`,
        });
    });
    if (result === 'written') sent += 1;
  }
  if (sent > 0) deps.logger.info({ sent }, 'patrol reminders sent');
  return sent;
}

export interface PatrolRecord {
  checked: number;
  rejected: number;
  reason: RejectReason | null;
  /** 名=值 as measured, kept as typed. */
  values: string[];
}

/** Records a 巡检 on an operation: counts and the measured characteristics, by the inspector. */
export function recordPatrol(
  deps: Services,
  actor: Actor,
  loaded: OrderWithTasks,
  task: OperationTask,
  r: PatrolRecord,
): Inspection {
  if (r.rejected > r.checked)
    throw new RefusedError('too_many_rejected', m.tooManyRejected(r.rejected, r.checked));
  if (r.rejected > 0 && !r.reason) throw new RefusedError('reason_needed', m.needsReason);
  const measurements = measure(task, r.values);
  const inspection = deps.em.create(Inspection, {
    kind: 'patrol',
    task,
    inspector: actor.person.id,
    at: actor.at,
    accepted: r.checked - r.rejected,
    rejected: r.rejected,
    rework: 0,
    reasonCode: r.reason?.code ?? null,
    note: r.values.length > 0 ? r.values.join(' ').slice(0, 255) : null,
    measurements: measurements.length > 0 ? measurements : null,
  });
  recordAudit(deps.em, actor, 'inspection.patrol', 'task', task.id, {
    order: loaded.order.number,
    sequence: task.sequence,
    checked: r.checked,
    rejected: r.rejected,
  });
  return inspection;
}
