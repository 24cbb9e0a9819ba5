import type { Actor } from '../chat/audit/actor.js';
import { recordAudit } from '../chat/audit/actor.js';
import type { Services } from '../services.js';
import { cardChanged, OperationTask } from './operation-task.entity.js';
import { announceNextOperation, completeWhatIsComplete, refreshAround } from './reporting-service.js';
import { loadOrder } from './task-lookup.js';

export interface OutsideOutput {
  /** Pieces that came good out of work done outside a 报工: an outsourced leg passed by QC, a rework. */
  good: number;
  scrap: number;
  /** What the audit trail names as the source: `outsourcing:OS-…`, `rework:RW3`. */
  source: string;
}

/**
 * Good and scrapped pieces of an operation that nobody reported with 报工 (work sent to a partner,
 * pieces back from rework): they count as the operation's output exactly as a report would —
 * the next operation may work on the good ones and is told — but make no work report, so no
 * one is paid or timed for them. Locks the order like every other change to it.
 */
export async function recordOutsideOutput(
  deps: Services,
  actor: Actor,
  taskId: number,
  output: OutsideOutput,
): Promise<{ task: OperationTask; tasks: OperationTask[]; finished: OperationTask[] }> {
  const found = await deps.em.findOneOrFail(OperationTask, taskId, { populate: ['workOrder'] });
  const loaded = await loadOrder(deps.em, found.workOrder.number);
  const task = loaded.tasks.find((t) => t.id === taskId) as OperationTask;
  const { order } = loaded;
  if (output.good === 0 && output.scrap === 0) return { task, tasks: loaded.tasks, finished: [] };
  if (task.status === 'pending' || task.status === 'dispatched') {
    task.status = 'in_progress';
    task.startedAt ??= actor.at;
  }
  task.goodTotal += output.good;
  task.scrapTotal += output.scrap;
  cardChanged(task);
  if (order.status === 'released') order.status = 'in_progress';
  recordAudit(deps.em, actor, 'task.outside_output', 'task', task.id, {
    order: order.number,
    sequence: task.sequence,
    good: output.good,
    scrap: output.scrap,
    source: output.source,
  });
  const finished = completeWhatIsComplete(actor, loaded);
  await announceNextOperation(deps, loaded, task, output.good);
  await refreshAround(deps, loaded, task, finished);
  return { task, tasks: loaded.tasks, finished };
}
