import type { Services } from '../services.js';
import type { Actor } from '../chat/audit/actor.js';
import { recordAudit } from '../chat/audit/actor.js';
import { hasRole } from '../people/person-view.js';
import { RefusedError } from '../shared/errors.js';
import { OverReportError } from './errors.js';
import { workOrderMessages as m } from './messages.js';
import { cardChanged, reportedOn, type OperationTask } from './operation-task.entity.js';
import { allowedReport, availableFor, isComplete, remainingFor } from './progress.js';
import { assertWholePieces, completeWhatIsComplete, refreshAround } from './reporting-service.js';
import { loadOrder, nextOf, previousOf, type OrderWithTasks } from './task-lookup.js';
import { WorkReport } from './work-report.entity.js';

/** How a report is named in chat: B for 报工, distinct from repair tickets' R. */
export const reportLabel = (id: number): string => `B${id}`;

export interface Reversal {
  original: WorkReport;
  reversal: WorkReport;
  /** The pieces the original stood at before this reversal (after the corrections before it). */
  was: Pieces;
  loaded: OrderWithTasks;
  task: OperationTask;
}

interface Pieces {
  good: number;
  scrap: number;
}

/** What a reversal should bring its original to: nothing (撤销), or the pieces of a 更正. */
type Target = { kind: 'undo' } | { kind: 'correction'; good: number; scrap: number | undefined };

/**
 * 撤销: the person's own latest report, if it is recent enough. The undo window is
 * `workOrders.undoMinutes`; after it a lead or supervisor can still 更正 it.
 */
export async function undoLastReport(deps: Services, actor: Actor): Promise<Reversal> {
  const original = await deps.em.findOne(
    WorkReport,
    { person: actor.person.id, reverses: null },
    { orderBy: { reportedAt: 'desc', id: 'desc' } },
  );
  if (!original) throw new RefusedError('nothing_to_undo', m.nothingToUndo);
  const minutes = deps.config.workOrders.undoMinutes;
  if (actor.at.getTime() - original.reportedAt.getTime() > minutes * 60_000)
    throw new RefusedError('undo_too_late', m.undoTooLate(reportLabel(original.id), minutes));
  return reverse(deps, actor, original, { kind: 'undo' });
}

/**
 * 更正 B12 <合格> [报废 n]: a lead for their own team, or a supervisor, puts a report right. Scrap
 * left unsaid stays as it stands: 更正 B12 6 corrects the good pieces only. A report already
 * corrected (or undone) can be corrected again, from where it stands; the number of one of its
 * reversals names the same report.
 */
export async function correctReport(
  deps: Services,
  actor: Actor,
  ref: string,
  good: number,
  scrap: number | undefined,
): Promise<Reversal> {
  const id = /^B(\d+)$/i.exec(ref.trim())?.[1];
  const named = id ? await deps.em.findOne(WorkReport, Number(id)) : null;
  if (!named) throw new RefusedError('report_not_found', m.reportNotFound(ref));
  const original = await deps.em.findOneOrFail(WorkReport, named.reverses?.id ?? named.id, {
    populate: ['person', 'task.team', 'task.assignee'],
  });
  if (!hasRole(actor.person, 'supervisor')) {
    const team = original.task.team?.id ?? original.task.assignee?.team?.id ?? original.person.team?.id;
    if (team === undefined || team !== actor.person.teamId)
      throw new RefusedError('not_your_team', m.notYourTeamsReport(reportLabel(original.id)));
  }
  assertWholePieces(good, scrap ?? 0);
  return reverse(deps, actor, original, { kind: 'correction', good, scrap });
}

/**
 * Writes the reversing report: signed quantities that bring the original from where it stands
 * (itself and every reversal before this one) to the target, so every sum over reports (task,
 * order, digest, equipment hours) comes out right. An undo also takes back the minutes; a
 * correction keeps them, the time was worked.
 */
async function reverse(
  deps: Services,
  actor: Actor,
  original: WorkReport,
  target: Target,
): Promise<Reversal> {
  const label = reportLabel(original.id);
  await deps.em.populate(original, ['task.workOrder']);
  const loaded = await loadOrder(deps.em, original.task.workOrder.number);
  // Read under the order's lock: a reversal made meanwhile is counted, not overwritten.
  const earlier = await deps.em.find(WorkReport, { reverses: original.id }, { orderBy: { id: 'asc' } });
  const was = standing(original, earlier);
  if (target.kind === 'undo' && earlier.length > 0)
    throw new RefusedError(
      'already_reversed',
      was.good === 0 && was.scrap === 0
        ? m.alreadyUndone(label)
        : m.correctedByLead(label, was.good, was.scrap),
    );
  const corrected =
    target.kind === 'undo' ? { good: 0, scrap: 0 } : { good: target.good, scrap: target.scrap ?? was.scrap };
  if (corrected.good === was.good && corrected.scrap === was.scrap)
    throw new RefusedError('nothing_to_correct', m.nothingToCorrect(label, was.good, was.scrap));
  const { order, tasks } = loaded;
  if (!['released', 'in_progress', 'completed'].includes(order.status))
    throw new RefusedError(
      'order_not_open',
      m.orderNotReleased(order.number, order.status, target.kind === 'undo' ? '撤销' : '更正'),
    );
  const task = tasks.find((t) => t.id === original.task.id) as OperationTask;
  const good = corrected.good - was.good;
  const scrap = corrected.scrap - was.scrap;
  assertStillConsistent(deps, loaded, task, good, scrap);

  const minutes = target.kind === 'undo' ? -original.minutes : 0;
  const reversal = deps.em.create(WorkReport, {
    task,
    person: original.person,
    reportedAt: actor.at,
    good,
    scrap,
    equipment: original.equipment ?? null,
    minutes,
    channel: actor.channel,
    inboundEventId: actor.inboundEventId,
    reverses: original,
  });
  task.goodTotal += good;
  task.scrapTotal += scrap;
  cardChanged(task);
  reportedOn(task, actor.at);
  reopenWhatIsNoLongerComplete(loaded);
  const finished = completeWhatIsComplete(actor, loaded);
  recordAudit(deps.em, actor, 'task.report.reverse', 'task', task.id, {
    order: order.number,
    reverses: original.id,
    good,
    scrap,
  });
  await deps.events.publish(deps, 'workorders.report_reversed', {
    original,
    reversal,
    supersedes: earlier.at(-1) ?? original,
    label,
    kind: target.kind,
  });
  await deps.em.flush();
  await refreshAround(deps, loaded, task, finished);
  return { original, reversal, was, loaded, task };
}

/** The pieces a report stands at after `reversals` of it. */
function standing(original: WorkReport, reversals: readonly WorkReport[]): Pieces {
  return reversals.reduce((sum, r) => ({ good: sum.good + r.good, scrap: sum.scrap + r.scrap }), {
    good: original.good,
    scrap: original.scrap,
  });
}

/**
 * A correction may not take away good pieces the next operation has already worked on, nor
 * claim more than could have arrived.
 */
function assertStillConsistent(
  deps: Services,
  { order, tasks }: OrderWithTasks,
  task: OperationTask,
  good: number,
  scrap: number,
): void {
  const next = nextOf(tasks, task);
  const used = next ? next.goodTotal + next.scrapTotal : 0;
  if (task.goodTotal + good < used)
    throw new RefusedError('pieces_used_downstream', m.piecesUsedDownstream(next?.name ?? '', used));
  const remaining = remainingFor(task, availableFor(task, previousOf(tasks, task), order.quantity));
  const allowed = allowedReport(remaining, deps.config.workOrders.overReportTolerance);
  if (good + scrap > allowed) throw new OverReportError(task.name, good + scrap, remaining, allowed);
}

/** An operation marked done that a reversal left short is open again, and so is its order. */
function reopenWhatIsNoLongerComplete({ order, tasks }: OrderWithTasks): void {
  for (const t of tasks) {
    if (t.status === 'done' && !isComplete(t, previousOf(tasks, t), order.quantity)) {
      t.status = 'in_progress';
      t.finishedAt = null;
      cardChanged(t);
    }
  }
  if (order.status === 'completed' && tasks.some((t) => t.status !== 'done')) {
    order.status = 'in_progress';
    order.completedAt = null;
  }
}
