import type { Services } from '../services.js';
import type { Actor } from '../chat/audit/actor.js';
import { recordAudit } from '../chat/audit/actor.js';
import { RefusedError } from '../shared/errors.js';
import { refreshTaskCards } from './card-refresh.js';
import { workOrderMessages as m } from './messages.js';
import { cardChanged } from './operation-task.entity.js';
import type { OrderWithTasks } from './task-lookup.js';
import type { WorkOrder } from './work-order.entity.js';

const OPEN = ['planned', 'released', 'in_progress'];

function assertOpen(order: WorkOrder, code: string): void {
  if (!OPEN.includes(order.status))
    throw new RefusedError(code, m.orderNotOpen(order.number, m.statusNames[order.status] ?? order.status));
}

/**
 * 取消工单: the order and every operation not yet done become 已取消; reports already made stay
 * (they happened, and the day's figures keep them). Whoever holds an open operation is told.
 * Returns how many operations were stopped.
 */
export async function cancelWorkOrder(
  deps: Services,
  actor: Actor,
  loaded: OrderWithTasks,
  reason: string,
): Promise<number> {
  const { em } = deps;
  const { order, tasks } = loaded;
  assertOpen(order, 'order_not_open');
  order.status = 'cancelled';
  const stopped = tasks.filter((t) => t.status !== 'done');
  for (const task of stopped) {
    const recipient = task.assignee
      ? ({ kind: 'person', personId: task.assignee.id } as const)
      : task.team
        ? ({ kind: 'team', teamId: task.team.id } as const)
        : undefined;
    if (recipient && task.status !== 'pending') {
      const text = m.taskCancelled(order.number, task.name, reason, actor.person.name);
      await deps.outbox.enqueue(em, recipient, { kind: 'text', text });
    }
    task.status = 'cancelled';
    cardChanged(task);
  }
  await refreshTaskCards(em, deps.clock, deps.outbox, loaded, stopped); // cards already out say 已取消
  recordAudit(em, actor, 'work_order.cancel', 'work_order', order.number, {
    reason,
    stoppedTasks: stopped.map((t) => t.sequence),
  });
  return stopped.length;
}

/** 改交期: the audit keeps who moved it, when, from which date to which. */
export function changeDueDate(deps: Services, actor: Actor, order: WorkOrder, dueDate: string): string {
  assertOpen(order, 'order_not_open');
  const from = order.dueDate;
  if (from === dueDate) throw new RefusedError('due_date_unchanged', m.dueDateUnchanged(order.number, from));
  order.dueDate = dueDate;
  recordAudit(deps.em, actor, 'work_order.due_date', 'work_order', order.number, { from, to: dueDate });
  return from;
}
