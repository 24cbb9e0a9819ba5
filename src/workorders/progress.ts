import type { OperationTask } from './operation-task.entity.js';

/**
 * How much an operation can still work on. The first operation works on the order
 * quantity; every later one only on the good pieces its predecessor has handed over.
 */
export function availableFor(
  task: OperationTask,
  previous: OperationTask | undefined,
  orderQuantity: number,
): number {
  return previous === undefined ? orderQuantity : previous.goodTotal;
}

export function remainingFor(task: OperationTask, available: number): number {
  return Math.max(0, available - task.goodTotal - task.scrapTotal);
}

/** Done when everything that could reach it has been reported and nothing more will come. */
export function isComplete(
  task: OperationTask,
  previous: OperationTask | undefined,
  orderQuantity: number,
): boolean {
  const upstreamFinished = previous === undefined || previous.status === 'done';
  return upstreamFinished && task.goodTotal + task.scrapTotal >= availableFor(task, previous, orderQuantity);
}

/** The most a report may claim: the remaining quantity plus the factory's tolerance. */
export function allowedReport(remaining: number, tolerance: number): number {
  return Math.floor(remaining * (1 + tolerance) + 1e-9);
}
