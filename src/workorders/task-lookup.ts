import type { EntityManager } from '@mikro-orm/core';
import { rowWriteLock } from '../db/locking.js';
import type { PersonView } from '../people/person-view.js';
import { readOperation } from '../chat/commands/arguments.js';
import { RefusedError } from '../shared/errors.js';
import { workOrderMessages as m } from './messages.js';
import { OperationTask, type TaskStatus } from './operation-task.entity.js';
import { WorkOrder } from './work-order.entity.js';

/** A work order with its operations in routing order, loaded together. */
export interface OrderWithTasks {
  order: WorkOrder;
  tasks: OperationTask[];
}

/**
 * Every change to a work order or its operations loads it through here, inside the unit of
 * work, locking the order row first: two reports on one task at the same moment then follow
 * each other instead of both adding to the same old total.
 */
export async function loadOrder(em: EntityManager, number: string): Promise<OrderWithTasks> {
  // The order row alone: a lock taken through a join would lock its item's row too, and every
  // report on any order of that item would queue behind it.
  const order = await em.findOne(
    WorkOrder,
    { number: number.toUpperCase() },
    { refresh: true, ...rowWriteLockIn(em) },
  );
  if (!order)
    throw new RefusedError('work_order_not_found', m.orderNotFound(number, await openEndingIn(em, number)), {
      number,
    });
  const tasks = await em.find(
    OperationTask,
    { workOrder: order },
    {
      orderBy: { sequence: 'asc' },
      // The item comes with them, unlocked (a lock through a join locks every row it reads).
      populate: ['assignee', 'team', 'equipment', 'workOrder.item'],
      // Fresh from the database even if loaded before the lock was taken. Only then: a refresh
      // also reads every joined person, team and machine a second time.
      refresh: tasksLoadedBefore(em, order),
    },
  );
  await em.populate(order, ['item']); // an order without operations
  return { order, tasks };
}

/** How many open orders a refusal offers when the number written is the end of theirs. */
const ENDING_MATCHES = 5;

/**
 * Open orders whose number ends with what was written: people type `001` or `DEMO-001` for
 * WO-DEMO-001. Offered in the refusal, never taken: with two orders ending in 001, which was
 * meant is the person's to say.
 */
async function openEndingIn(em: EntityManager, written: string): Promise<string[]> {
  const tail = written.toUpperCase().replace(/[%_\\]/g, '');
  if (tail.length < 2) return [];
  const orders = await em.find(
    WorkOrder,
    { number: { $like: `%${tail}` }, status: { $in: ['planned', 'released', 'in_progress'] } },
    { fields: ['number'], orderBy: { dueDate: 'asc', number: 'asc' }, limit: ENDING_MATCHES },
  );
  return orders.map((o) => o.number);
}

/** The person's own tasks and their team's unassigned ones in `statuses`, soonest due first. */
export function tasksOfPerson(
  em: EntityManager,
  person: PersonView,
  statuses: TaskStatus[],
): Promise<OperationTask[]> {
  return em.find(
    OperationTask,
    {
      status: { $in: statuses },
      $or: [{ assignee: person.id }, ...(person.teamId ? [{ assignee: null, team: person.teamId }] : [])],
    },
    {
      populate: ['workOrder'],
      orderBy: { workOrder: { dueDate: 'asc', priority: 'asc' }, sequence: 'asc' },
    },
  );
}

/** Whether an order of that number exists: `完工 5` may name an ERP order numbered 5. */
export async function orderExists(em: EntityManager, number: string): Promise<boolean> {
  return (await em.count(WorkOrder, { number: number.toUpperCase() })) > 0;
}

function tasksLoadedBefore(em: EntityManager, order: WorkOrder): boolean {
  const meta = em.getMetadata().get<OperationTask>(OperationTask.meta.className);
  const loaded = em.getUnitOfWork().getIdentityMap().getStore(meta);
  return [...loaded.values()].some((task) => task.workOrder.id === order.id);
}

export async function loadTask(
  em: EntityManager,
  taskId: number,
): Promise<OrderWithTasks & { task: OperationTask }> {
  const task = await em.findOneOrFail(OperationTask, taskId, { populate: ['workOrder'] });
  const loaded = await loadOrder(em, task.workOrder.number);
  const same = loaded.tasks.find((t) => t.id === taskId) as OperationTask;
  return { ...loaded, task: same };
}

export function previousOf(tasks: OperationTask[], task: OperationTask): OperationTask | undefined {
  return tasks.filter((t) => t.sequence < task.sequence).at(-1);
}

export function nextOf(tasks: OperationTask[], task: OperationTask): OperationTask | undefined {
  return tasks.find((t) => t.sequence > task.sequence);
}

export function isAssignedTo(task: OperationTask, person: PersonView): boolean {
  if (task.assignee) return task.assignee.id === person.id;
  return task.team !== null && task.team !== undefined && task.team.id === person.teamId;
}

/**
 * `完工 WO-7 工序20 5`, `完工 WO-7 车削 5` or just `完工 WO-7 5`: the operation is named by its
 * marked number or its name, or, when omitted, is the one open operation of that order that
 * belongs to the person. With several, the person is asked ({@link WhichOperationError}).
 */
export function pickTask(
  loaded: OrderWithTasks,
  person: PersonView,
  operation: string | undefined,
): OperationTask {
  const { order, tasks } = loaded;
  if (operation !== undefined) {
    const wanted = readOperation(operation) ?? operation;
    const task = tasks.find((t) => String(t.sequence) === wanted || t.name === wanted);
    if (!task)
      throw new RefusedError(
        'operation_not_found',
        m.operationNotFound(order.number, operation, tasks.map(operationLabel)),
      );
    return task;
  }
  const mine = tasks.filter((t) => isAssignedTo(t, person) && t.status !== 'done');
  if (mine.length === 1 && mine[0]) return mine[0];
  if (mine.length === 0) throw new RefusedError('no_task_of_yours', m.noOperationOfYours(order.number));
  throw new WhichOperationError(mine);
}

export const operationLabel = (t: OperationTask): string => `${t.sequence} ${t.name}`;

/** The operation a person named by its number (`10`, `工序10`) or its name, refused with the list when none is. */
export function operationNamed({ order, tasks }: OrderWithTasks, named: string): OperationTask {
  const wanted = readOperation(named) ?? named;
  const task = tasks.find((t) => String(t.sequence) === wanted || t.name === wanted);
  if (!task)
    throw new RefusedError(
      'operation_not_found',
      m.operationNotFound(order.number, named, tasks.map(operationLabel)),
    );
  return task;
}

/** Several open operations of the order are the person's: which one is for the caller to ask. */
export class WhichOperationError extends RefusedError {
  constructor(readonly choices: OperationTask[]) {
    super('which_operation', m.whichOperationShort(choices.map(operationLabel)));
  }
}

/** Locks only inside a transaction: a read-only look (工单, 我的任务) takes no lock. */
function rowWriteLockIn(em: EntityManager): ReturnType<typeof rowWriteLock> {
  return em.isInTransaction() ? rowWriteLock(em) : {};
}
