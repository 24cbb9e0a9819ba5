import type { TriggerField } from '../../capabilities/point-trigger.js';
import { workOrderPointWords as w } from '../messages.js';
import type { OperationTask } from '../operation-task.entity.js';

/** The pieces a 报工 or a finished operation counts, as rule fields. */
export const pieceFields = {
  good: { type: 'number', label: w.fields.good },
  scrap: { type: 'number', label: w.fields.scrap },
  /** good + scrap */
  quantity: { type: 'number', label: w.fields.quantity },
} satisfies Record<string, TriggerField>;

/** Which operation of which order, and of what item, as rule fields. */
export const operationFields = {
  operation: { type: 'string', label: w.fields.operation },
  sequence: { type: 'number', label: w.fields.sequence },
  workOrder: { type: 'string', label: w.fields.workOrder },
  item: { type: 'string', label: w.fields.item },
} satisfies Record<string, TriggerField>;

export const piecesOf = (good: number, scrap: number) => ({ good, scrap, quantity: good + scrap });

/** The task must have its work order and item loaded. */
export const operationOf = (task: OperationTask) => ({
  operation: task.name,
  sequence: task.sequence,
  workOrder: task.workOrder.number,
  item: task.workOrder.item.code,
});
