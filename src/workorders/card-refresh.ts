import type { EntityManager } from '@mikro-orm/core';
import { refreshCards } from '../chat/cards/refresh-cards.js';
import type { Outbox } from '../chat/outbox/outbox.js';
import type { Clock } from '../shared/clock.js';
import type { OperationTask } from './operation-task.entity.js';
import type { OrderWithTasks } from './task-lookup.js';
import { taskCardSpec, taskSubject } from './task-view.js';

/** Redraws every copy of a task's card people received: the worker's, the team group's, the lead's. */
export async function refreshTaskCards(
  em: EntityManager,
  clock: Clock,
  outbox: Outbox,
  loaded: OrderWithTasks,
  task: OperationTask,
): Promise<void> {
  await refreshCards(em, clock, outbox, 'task', taskSubject(task), taskCardSpec(loaded, task));
}
