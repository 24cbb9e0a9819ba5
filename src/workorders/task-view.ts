import { taskCard, type TaskCardData } from '../../cards/task-card.js';
import type { CardSpec, CardSubject } from '../chat/cards/issue-card.js';
import { workOrderMessages as m } from './messages.js';
import type { OperationTask } from './operation-task.entity.js';
import { availableFor, remainingFor } from './progress.js';
import { previousOf, type OrderWithTasks } from './task-lookup.js';

export function taskSubject(task: OperationTask): CardSubject {
  return { type: 'task', id: String(task.id), version: String(task.revision) };
}

export function taskCardData({ order, tasks }: OrderWithTasks, task: OperationTask): TaskCardData {
  const available = availableFor(task, previousOf(tasks, task), order.quantity);
  return {
    orderNumber: order.number,
    itemName: order.item.name,
    sequence: task.sequence,
    operation: task.name,
    status: task.status,
    statusName: m.taskStatusNames[task.status] ?? task.status,
    available,
    good: task.goodTotal,
    scrap: task.scrapTotal,
    remaining: remainingFor(task, available),
    assignee: task.assignee?.name ?? task.team?.name ?? '未派工',
    equipment: task.equipment?.code,
    dueDate: order.dueDate,
  };
}

export function taskCardSpec(loaded: OrderWithTasks, task: OperationTask): CardSpec {
  return taskCard(taskCardData(loaded, task));
}
