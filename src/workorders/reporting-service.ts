import type { Services } from '../services.js';
import type { Actor } from '../chat/audit/actor.js';
import { recordAudit } from '../chat/audit/actor.js';
import { hasRole } from '../people/person-view.js';
import { RefusedError } from '../shared/errors.js';
import { shiftAt } from '../shared/shifts.js';
import { refreshTaskCards } from './card-refresh.js';
import { OverReportError } from './errors.js';
import { workOrderMessages as m, type WorkVerb } from './messages.js';
import { cardChanged, reportedOn, type OperationTask } from './operation-task.entity.js';
import { allowedReport, availableFor, isComplete, remainingFor } from './progress.js';
import { isAssignedTo, nextOf, previousOf, type OrderWithTasks } from './task-lookup.js';
import { WorkReport } from './work-report.entity.js';

export interface ReportOutcome {
  report: WorkReport;
  remaining: number;
  taskDone: boolean;
  orderCompleted: boolean;
  /** Scrap a subscriber held back (waiting for approval): reported, not posted. */
  heldScrap: number;
}

/**
 * Workers act on their own tasks or their team's; leads and supervisors may act for them.
 * The refusal names what the person tried: 开工, 报工 or 申请报废.
 */
function assertMayWork(actor: Actor, loaded: OrderWithTasks, task: OperationTask, verb: WorkVerb): void {
  const { order } = loaded;
  if (!['released', 'in_progress'].includes(order.status)) {
    throw new RefusedError('order_not_open', m.orderNotReleased(order.number, order.status, verb));
  }
  if (task.status === 'pending')
    throw new RefusedError('task_not_dispatched', m.notDispatched(order.number, task.name));
  if (task.status === 'done') throw new RefusedError('task_done', m.alreadyDone(order.number, task.name));
  if (!isAssignedTo(task, actor.person) && !hasRole(actor.person, 'team_lead', 'supervisor')) {
    const owner = task.assignee?.name ?? task.team?.name ?? '别人';
    throw new RefusedError('not_your_task', m.notYourTask(order.number, task.name, owner, verb));
  }
}

/**
 * Whether `actor` may post scrap on `task` now, checked when scrap is requested: a request that
 * waits for approval is posted in the requester's name, and must not fail only at the approver's tap.
 */
export function assertMayPostScrap(actor: Actor, loaded: OrderWithTasks, task: OperationTask): void {
  assertMayWork(actor, loaded, task, '申请报废');
}

export async function startTask(
  deps: Services,
  actor: Actor,
  loaded: OrderWithTasks,
  task: OperationTask,
): Promise<void> {
  assertMayWork(actor, loaded, task, '开工');
  const { order, tasks } = loaded;
  if (task.status === 'in_progress')
    throw new RefusedError('task_started', m.alreadyStarted(order.number, task.name));
  const previous = previousOf(tasks, task);
  if (availableFor(task, previous, order.quantity) === 0) {
    throw new RefusedError(
      'nothing_available',
      m.nothingAvailable(order.number, task.name, previous?.name ?? ''),
    );
  }
  task.status = 'in_progress';
  task.startedAt = actor.at;
  cardChanged(task);
  if (order.status === 'released') order.status = 'in_progress';
  recordAudit(deps.em, actor, 'task.start', 'task', task.id, {
    order: order.number,
    sequence: task.sequence,
  });
  await refreshTaskCards(deps.em, deps.clock, deps.outbox, loaded, [task]);
}

/**
 * 完工 / 报工. Time and equipment come from the task: the minutes since it started or was
 * last reported, on the equipment it was dispatched to. A task that was dispatched but not
 * started is started by its first report.
 */
export async function reportTask(
  deps: Services,
  actor: Actor,
  loaded: OrderWithTasks,
  task: OperationTask,
  good: number,
  scrap: number,
  options: { scrapApproved?: boolean } = {},
): Promise<ReportOutcome> {
  assertMayWork(actor, loaded, task, '报工');
  const { order, tasks } = loaded;
  assertWholePieces(good, scrap);
  if (good + scrap <= 0) throw new RefusedError('empty_report', m.zeroReport);
  const previous = previousOf(tasks, task);
  const remainingBefore = remainingFor(task, availableFor(task, previous, order.quantity));
  const allowed = allowedReport(remainingBefore, deps.config.workOrders.overReportTolerance);
  if (good + scrap > allowed) throw new OverReportError(task.name, good + scrap, remainingBefore, allowed);

  const minutes = workedMinutes(deps, task, actor.at);
  const report = deps.em.create(WorkReport, {
    task,
    person: actor.person.id,
    reportedAt: actor.at,
    good,
    scrap,
    equipment: task.equipment ?? null,
    minutes,
    channel: actor.channel,
    inboundEventId: actor.inboundEventId,
  });
  let heldScrap = 0;
  if (scrap > 0 && options.scrapApproved !== true) {
    const hold = (pieces: number) => {
      heldScrap = Math.min(scrap, heldScrap + pieces);
      report.scrap = scrap - heldScrap;
    };
    await deps.events.publish(deps, 'workorders.scrap_reported', { report, hold });
  }
  if (task.status === 'dispatched') task.startedAt = actor.at;
  reportedOn(task, actor.at);
  task.status = 'in_progress';
  task.goodTotal += good;
  task.scrapTotal += report.scrap;
  cardChanged(task);
  if (order.status === 'released') order.status = 'in_progress';
  recordAudit(deps.em, actor, 'task.report', 'task', task.id, {
    order: order.number,
    good,
    scrap: report.scrap,
    heldScrap,
    minutes,
  });

  const finished = completeWhatIsComplete(actor, loaded);
  await deps.events.publish(deps, 'workorders.report_recorded', { report, finished });
  if (order.status === 'completed' && finished.length > 0)
    await deps.events.publish(deps, 'workorders.order_completed', { order });
  await announceNextOperation(deps, loaded, task, good);
  await refreshAround(deps, loaded, task, finished);
  return {
    report,
    remaining: remainingFor(task, availableFor(task, previous, order.quantity)),
    taskDone: finished.includes(task),
    orderCompleted: order.status === 'completed',
    heldScrap,
  };
}

/** Pieces are counted, not weighed: `10.5` or `0.4` would be stored as something else than said. */
export function assertWholePieces(good: number, scrap: number): void {
  for (const [label, value] of [
    ['合格数', good],
    ['报废数', scrap],
  ] as const) {
    if (!Number.isInteger(value) || value < 0)
      throw new RefusedError('not_whole_pieces', m.notWholePieces(label, value), { good, scrap });
  }
}

/**
 * The minutes this report covers: since the task's last report (or its start), but never
 * from before the current shift began — a task left open overnight did not run all night.
 */
function workedMinutes(deps: Services, task: OperationTask, at: Date): number {
  const since = task.lastReportedAt ?? task.startedAt ?? at;
  const shiftStart = shiftAt(at, deps.config.shifts, deps.tz)?.start ?? since;
  const from = Math.max(since.getTime(), shiftStart.getTime());
  return Math.max(0, Math.round((at.getTime() - from) / 60_000));
}

/**
 * Marks done every operation that can no longer receive pieces, in routing order (finishing
 * one can finish the next), and the order when its last operation is done.
 */
export function completeWhatIsComplete(actor: Actor, { order, tasks }: OrderWithTasks): OperationTask[] {
  const finished: OperationTask[] = [];
  for (const t of tasks) {
    if (t.status === 'in_progress' && isComplete(t, previousOf(tasks, t), order.quantity)) {
      t.status = 'done';
      t.finishedAt = actor.at;
      cardChanged(t);
      finished.push(t);
    }
  }
  if (tasks.length > 0 && tasks.every((t) => t.status === 'done')) {
    order.status = 'completed';
    order.completedAt = actor.at;
  }
  return finished;
}

/** Redraws the reported task, those it finished, and the next one (what it may work on changed). */
export async function refreshAround(
  deps: Services,
  loaded: OrderWithTasks,
  task: OperationTask,
  finished: OperationTask[],
): Promise<void> {
  const next = nextOf(loaded.tasks, task);
  const changed = new Set([task, ...finished, ...(next ? [next] : [])]);
  await refreshTaskCards(deps.em, deps.clock, deps.outbox, loaded, [...changed]);
}

/** Tells whoever has the next operation that good pieces have arrived. */
export async function announceNextOperation(
  deps: Services,
  loaded: OrderWithTasks,
  task: OperationTask,
  good: number,
): Promise<void> {
  const next = nextOf(loaded.tasks, task);
  if (!next || good === 0 || next.status === 'done') return;
  const text = m.nextAvailable(
    loaded.order.number,
    next.name,
    availableFor(next, task, loaded.order.quantity),
  );
  const recipient = next.assignee
    ? ({ kind: 'person', personId: next.assignee.id } as const)
    : next.team
      ? ({ kind: 'team', teamId: next.team.id } as const)
      : undefined;
  if (recipient) await deps.outbox.enqueue(deps.em, recipient, { kind: 'text', text });
}
