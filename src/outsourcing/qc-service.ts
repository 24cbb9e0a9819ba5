import type { Actor } from '../chat/audit/actor.js';
import { recordAudit } from '../chat/audit/actor.js';
import { text } from '../chat/outbound.js';
import { hasRole, type PersonView } from '../people/person-view.js';
import { Person } from '../people/person.entity.js';
import type { RejectReason } from '../quality/config.js';
import type { Services } from '../services.js';
import { RefusedError } from '../shared/errors.js';
import { nextOf } from '../workorders/task-lookup.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { recordOutsideOutput } from '../workorders/outside-output-service.js';
import type { Changer } from './deps.js';
import { OutsourcingInspection } from './inspection.entity.js';
import { qcMessages as m } from './messages.js';
import { coordinatorsOf, pushTo } from './notifications.js';
import type { OutsourcingOrder, QcResult } from './outsourcing-order.entity.js';
import { moveTo, publishChange } from './state-moves.js';
import { statesOf } from './states.js';

/** What QC counted in pieces back from a partner; the four counts are disjoint. */
export interface QcCounts {
  accepted: number;
  concession: number;
  rejected: number;
  rework: number;
  reason?: RejectReason;
  /** Who approves the concession; the inspector when not named. */
  approver?: PersonView;
  note?: string;
}

export interface QcCountOutcome {
  inspection: OutsourcingInspection;
  /** Pieces back and not yet inspected, after this one. */
  waitingAfter: number;
  /** The work order's operation the pieces counted on, and the one they went on to. */
  operation?: { order: string; name: string; next?: string };
  closed: boolean;
}

/** Pieces of an order counted by QC so far, whatever became of them. */
export async function inspectedPieces(deps: Services, order: OutsourcingOrder): Promise<number> {
  const done = await deps.em.find(OutsourcingInspection, { order });
  return done.reduce((n, i) => n + i.accepted + i.concession + i.rejected + i.rework, 0);
}

/**
 * 外协质检 by count. Only pieces that are back and not yet inspected can be counted. When the
 * order was sent for an operation of a work order, that operation IS the partner's work:
 * accepted and concession pieces become its good output (the next operation may work on them
 * and is told), rejected ones its scrap (unless quality holds them for approval,
 * `outsourcing.scrap_counted`); `outsourcing.qc_recorded` lets quality put them in the
 * reject flow (rework tasks). The last count of a batch that is all back closes the order.
 */
export async function recordQcCounts(
  deps: Services,
  actor: Actor,
  changer: Changer,
  order: OutsourcingOrder,
  counts: QcCounts,
): Promise<QcCountOutcome> {
  const states = statesOf(deps.config.outsourcing);
  if (states.isFinal(order.state)) throw new RefusedError('order_closed', m.alreadyClosed(order.number));
  if (order.returnedQuantity === 0)
    throw new RefusedError('not_returned', m.notBackYet(order.number, states.nameOf(order.state)));
  const inspected = await inspectedPieces(deps, order);
  const waiting = order.returnedQuantity - inspected;
  const asked = counts.accepted + counts.concession + counts.rejected + counts.rework;
  if (asked <= 0) throw new RefusedError('empty_inspection', m.emptyCount);
  if (asked > waiting)
    throw new RefusedError('over_inspection', m.overCount(order.number, asked, waiting), { asked, waiting });
  const rejects = counts.rejected + counts.rework;
  if (rejects > 0 && !counts.reason)
    throw new RefusedError('reason_needed', m.reasonNeeded(deps.config.quality.rejectReasons));
  if (rejects === 0 && counts.reason)
    throw new RefusedError('reason_without_rejects', m.reasonWithoutRejects);
  if (counts.concession === 0 && counts.approver)
    throw new RefusedError('approver_without_concession', m.approverWithoutConcession);
  const approver = counts.concession > 0 ? (counts.approver ?? actor.person) : undefined;
  if (approver && !hasRole(approver, 'qc', 'supervisor'))
    throw new RefusedError('approver_not_allowed', m.approverNotAllowed(approver.name), {
      approver: approver.id,
    });

  const inspection = deps.em.create(OutsourcingInspection, {
    order,
    at: changer.at,
    inspector: deps.em.getReference(Person, actor.person.id),
    channel: changer.channel,
    accepted: counts.accepted,
    concession: counts.concession,
    concessionApprover: approver ? deps.em.getReference(Person, approver.id) : null,
    rejected: counts.rejected,
    rework: counts.rework,
    reasonCode: counts.reason?.code ?? null,
    note: counts.note?.slice(0, 200) ?? null,
  });
  recordAudit(deps.em, actor, 'outsourcing.qc', 'outsourcing_order', order.number, {
    accepted: counts.accepted,
    concession: counts.concession,
    approver: approver?.id ?? null,
    rejected: counts.rejected,
    rework: counts.rework,
    reason: counts.reason?.code ?? null,
  });

  const task = order.operation
    ? await deps.em.findOneOrFail(OperationTask, order.operation.id, { populate: ['workOrder'] })
    : null;
  let operation: QcCountOutcome['operation'];
  if (task) {
    const good = counts.accepted + counts.concession;
    let held = 0;
    if (counts.rejected > 0) {
      const hold = (pieces: number) => (held = Math.min(counts.rejected, held + pieces));
      await deps.events.publish(deps, 'outsourcing.scrap_counted', { order, inspection, task, hold });
    }
    const { tasks } = await recordOutsideOutput(deps, actor, task.id, {
      good,
      scrap: counts.rejected - held,
      source: `outsourcing:${order.number}`,
    });
    const next = nextOf(tasks, task);
    operation = { order: task.workOrder.number, name: task.name, next: good > 0 ? next?.name : undefined };
  }
  await deps.events.publish(deps, 'outsourcing.qc_recorded', { order, inspection, task });

  const summary = m.summary(counts, approver?.name);
  const all = inspected + asked === order.quantity;
  order.qcNote = summary.slice(0, 200);
  let closed = false;
  if (all && states.isBack(order.state)) {
    order.qcResult = await overallResult(deps, order);
    const note = `qc:${order.qcResult} ${summary}`.slice(0, 200);
    await publishChange(deps, order, moveTo(deps, order, states.finalState.id, changer, note));
    closed = true;
  }
  if (rejects > 0)
    await pushTo(
      deps,
      await coordinatorsOf(deps, order),
      text(m.rejectsFound(order.number, order.partner.name, summary)),
    );
  return { inspection, waitingAfter: waiting - asked, operation, closed };
}

/** The batch as a whole: any concession marks it so; otherwise any reject fails it. */
async function overallResult(deps: Services, order: OutsourcingOrder): Promise<QcResult> {
  const all = await deps.em.find(OutsourcingInspection, { order });
  if (all.some((i) => i.concession > 0)) return 'concession';
  return all.some((i) => i.rejected + i.rework > 0) ? 'fail' : 'pass';
}
