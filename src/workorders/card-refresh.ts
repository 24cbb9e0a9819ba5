import type { EntityManager } from '@mikro-orm/core';
import { refreshEachCard } from '../chat/cards/refresh-cards.js';
import type { Outbox } from '../chat/outbox/outbox.js';
import type { Clock } from '../shared/clock.js';
import type { OperationTask } from './operation-task.entity.js';
import type { OrderWithTasks } from './task-lookup.js';
import { taskCardSpec, taskSubject } from './task-view.js';

/**
 * Redraws every copy of these tasks' cards people received (the worker's, the team group's, the
 * lead's), all found in one query.
 */
export async function refreshTaskCards(
  em: EntityManager,
  clock: Clock,
  outbox: Outbox,
  loaded: OrderWithTasks,
  tasks: readonly OperationTask[],
): Promise<void> {
  const redraws = tasks.map((task) => ({ subject: taskSubject(task), spec: taskCardSpec(loaded, task) }));
  await refreshEachCard(em, clock, outbox, 'task', redraws);
}
