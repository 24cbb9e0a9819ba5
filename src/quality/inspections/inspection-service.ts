import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../../chat/audit/actor.js';
import { recordAudit } from '../../chat/audit/actor.js';
import type { Services } from '../../services.js';
import { RefusedError } from '../../shared/errors.js';
import type { OperationTask } from '../../workorders/operation-task.entity.js';
import type { OrderWithTasks } from '../../workorders/task-lookup.js';
import type { RejectReason } from '../config.js';
import { Inspection } from './inspection.entity.js';
import { inspectionMessages as m } from './messages.js';
import { orderRework, reworkedGood } from './rework-service.js';
import type { ReworkTask } from './rework-task.entity.js';
import { giveSerials, planSerials } from '../serials/serial-service.js';
import type { Serial } from '../serials/serial.entity.js';

/** Where a flagged operation stands: passed, or how many first articles failed so far. */
export interface FirstArticleState {
  passed: boolean;
  failures: number;
}

export async function firstArticleState(em: EntityManager, task: OperationTask): Promise<FirstArticleState> {
  const done = await em.find(Inspection, { task, kind: 'first_article' });
  return { passed: done.some((i) => i.accepted > 0), failures: done.filter((i) => i.accepted === 0).length };
}

/**
 * How many good pieces a flagged operation may report before a first article passes: the first
 * pieces, and as many again after each failed one (the worker makes a new first article).
 */
export function heldPieces(pieces: number, state: FirstArticleState): number {
  return pieces * (1 + state.failures);
}

/** The reason a code names, or a refusal that lists the codes factory.yaml allows. */
export function rejectReason(reasons: readonly RejectReason[], code: string): RejectReason {
  const reason = reasons.find((r) => r.code.toUpperCase() === code.toUpperCase());
  if (!reason) throw new RefusedError('unknown_reject_reason', m.unknownReason(code, reasons), { code });
  return reason;
}

export interface FirstArticleVerdict {
  passed: boolean;
  reason?: RejectReason;
  note?: string;
}

/** 首检: QC's verdict on the first pieces of a flagged operation; a pass lifts the hold. */
export async function recordFirstArticle(
  deps: Services,
  actor: Actor,
  { order }: OrderWithTasks,
  task: OperationTask,
  verdict: FirstArticleVerdict,
): Promise<Inspection> {
  if (!task.firstArticle) throw new RefusedError('no_first_article', m.notFlagged(order.number, task.name));
  const state = await firstArticleState(deps.em, task);
  if (state.passed) throw new RefusedError('first_article_passed', m.alreadyPassed(order.number, task.name));
  const pieces = deps.config.quality.firstArticle.pieces;
  if (task.goodTotal < heldPieces(pieces, state))
    throw new RefusedError('first_article_not_reported', m.nothingToInspect(order.number, task.name, pieces));
  const inspection = deps.em.create(Inspection, {
    kind: 'first_article',
    task,
    inspector: actor.person.id,
    at: actor.at,
    accepted: verdict.passed ? pieces : 0,
    rejected: verdict.passed ? 0 : pieces,
    rework: 0,
    reasonCode: verdict.reason?.code ?? null,
    note: verdict.note ?? null,
  });
  recordAudit(deps.em, actor, 'inspection.first_article', 'task', task.id, {
    order: order.number,
    sequence: task.sequence,
    passed: verdict.passed,
    reason: verdict.reason?.code ?? null,
  });
  await deps.events.publish(deps, 'quality.inspection_recorded', { inspection, orderNumber: order.number });
  return inspection;
}

export interface FinalCounts {
  accepted: number;
  rejected: number;
  rework: number;
  reason?: RejectReason;
  note?: string;
  /** Serials read from the accepted pieces' labels (a scan); left out, the pattern makes them. */
  serials?: readonly string[];
}

/** The last operation's good output, and the good pieces back from rework, that no 终检 has judged yet. */
export async function waitingForFinal(em: EntityManager, last: OperationTask): Promise<number> {
  const done = await em.find(Inspection, { task: last, kind: 'final' });
  const judged = done.reduce((n, i) => n + i.accepted + i.rejected + i.rework, 0);
  return last.goodTotal + (await reworkedGood(em, last)) - judged;
}

/**
 * 终检 on the order's last operation: counts stored exactly as QC gave them, never past what
 * waits; a rework count becomes a rework task on that operation; the accepted pieces of a
 * serialised item get their serial numbers.
 */
export async function recordFinal(
  deps: Services,
  actor: Actor,
  { order, tasks }: OrderWithTasks,
  counts: FinalCounts,
): Promise<{ inspection: Inspection; waitingAfter: number; rework?: ReworkTask; serials: Serial[] }> {
  const last = tasks.at(-1);
  if (!last) throw new RefusedError('no_operations', m.emptyFinal);
  const asked = counts.accepted + counts.rejected + counts.rework;
  if (asked <= 0) throw new RefusedError('empty_inspection', m.emptyFinal);
  const waiting = await waitingForFinal(deps.em, last);
  if (asked > waiting)
    throw new RefusedError('over_inspection', m.overFinal(order.number, last.name, asked, waiting), {
      asked,
      waiting,
    });
  const plan = await planSerials(deps, order, counts.accepted, actor.at, counts.serials);
  const inspection = deps.em.create(Inspection, {
    kind: 'final',
    task: last,
    inspector: actor.person.id,
    at: actor.at,
    accepted: counts.accepted,
    rejected: counts.rejected,
    rework: counts.rework,
    reasonCode: counts.reason?.code ?? null,
    note: counts.note ?? null,
  });
  recordAudit(deps.em, actor, 'inspection.final', 'task', last.id, {
    order: order.number,
    accepted: counts.accepted,
    rejected: counts.rejected,
    rework: counts.rework,
    reason: counts.reason?.code ?? null,
  });
  const serials = plan ? giveSerials(deps, actor, order, inspection, plan) : [];
  if (counts.rejected > 0 && counts.reason) {
    await deps.events.publish(deps, 'quality.pieces_rejected', {
      inspection,
      task: last,
      rejected: counts.rejected,
      reasonCode: counts.reason.code,
    });
  }
  const rework =
    counts.rework > 0
      ? await orderRework(deps, order.number, last, inspection, actor.person.name)
      : undefined;
  await deps.events.publish(deps, 'quality.inspection_recorded', { inspection, orderNumber: order.number });
  return { inspection, waitingAfter: waiting - asked, rework, serials };
}
