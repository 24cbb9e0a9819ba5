import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../../chat/audit/actor.js';
import { recordAudit } from '../../chat/audit/actor.js';
import { hasRole } from '../../people/person-view.js';
import type { Services } from '../../services.js';
import { RefusedError } from '../../shared/errors.js';
import type { OperationTask } from '../../workorders/operation-task.entity.js';
import { recordOutsideOutput } from '../../workorders/outside-output-service.js';
import { loadOrder } from '../../workorders/task-lookup.js';
import { inspectors, tellOperator } from './first-article-notices.js';
import type { Inspection } from './inspection.entity.js';
import { inspectionMessages as m } from './messages.js';
import { ReworkTask, reworkLabel } from './rework-task.entity.js';

/** Good pieces back from rework on this operation: they wait for 终检 again. */
export async function reworkedGood(em: EntityManager, task: OperationTask): Promise<number> {
  // Rework of an outsourced leg re-enters the flow as the operation's own output instead.
  const done = await em.find(ReworkTask, {
    task,
    status: 'done',
    inspection: { kind: { $ne: 'outsourced' } },
  });
  return done.reduce((n, r) => n + r.good, 0);
}

/** A 终检's rework count becomes a rework task for whoever works the operation, who is told at once. */
export async function orderRework(
  deps: Services,
  order: string,
  task: OperationTask,
  inspection: Inspection,
  inspector: string,
): Promise<ReworkTask> {
  const rework = deps.em.create(ReworkTask, {
    inspection,
    task,
    quantity: inspection.rework,
    assignee: task.assignee ?? null,
    team: task.team ?? null,
    createdAt: inspection.at,
  });
  await deps.em.flush(); // the rework's number is its id
  const label = reworkLabel(rework.id);
  await tellOperator(deps, task, m.reworkOrdered(order, task.name, inspection.rework, label, inspector));
  return rework;
}

/**
 * 返工完成: every piece of the rework is accounted for at once, good or scrap. The good ones go
 * back to waiting for 终检; QC is told.
 */
export async function finishRework(
  deps: Services,
  actor: Actor,
  id: number,
  good: number,
  scrap: number,
): Promise<ReworkTask> {
  const found = await deps.em.findOne(ReworkTask, id, { populate: ['task.workOrder'] });
  if (!found) throw new RefusedError('rework_not_found', m.reworkNotFound(reworkLabel(id)));
  // Serialised with 终检 and 报工 on the same order: what waits for inspection is read under this lock.
  await loadOrder(deps.em, found.task.workOrder.number);
  const rework = await deps.em.findOneOrFail(ReworkTask, id, {
    populate: ['task.workOrder', 'inspection'],
    refresh: true,
  });
  const label = reworkLabel(rework.id);
  const order = rework.task.workOrder.number;
  if (rework.status === 'done') throw new RefusedError('rework_done', m.reworkAlreadyDone(label));
  const own =
    rework.assignee?.id === actor.person.id ||
    (rework.assignee == null && rework.team != null && rework.team.id === actor.person.teamId);
  if (!own && !hasRole(actor.person, 'team_lead', 'supervisor'))
    throw new RefusedError('not_your_rework', m.notYourRework(label));
  if (good + scrap !== rework.quantity)
    throw new RefusedError('rework_count', m.reworkCount(label, rework.quantity, good + scrap), {
      quantity: rework.quantity,
      good,
      scrap,
    });
  Object.assign(rework, { status: 'done', good, scrap, finishedAt: actor.at, finishedBy: actor.person.id });
  recordAudit(deps.em, actor, 'rework.finish', 'rework', label, { order, good, scrap });
  // Pieces a partner's work failed, redone: they go on to the next operation like the leg's good output.
  if (rework.inspection.kind === 'outsourced')
    await recordOutsideOutput(deps, actor, rework.task.id, { good, scrap, source: `rework:${label}` });
  const text = m.reworkBack(order, rework.task.name, label, good, scrap, actor.person.name);
  for (const person of await inspectors(deps))
    await deps.outbox.enqueue(deps.em, { kind: 'person', personId: person.id }, { kind: 'text', text });
  return rework;
}
