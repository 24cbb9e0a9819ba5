import { nullable, object } from '../../http/api/schema-shapes.js';
import { ITEM_KINDS, ITEM_SOURCES, type Item } from '../item.entity.js';
import type { OperationTask } from '../operation-task.entity.js';
import {
  EXCEPTION_KINDS,
  EXCEPTION_STATUSES,
  type ProductionException,
} from '../production-exception.entity.js';
import type { RoutingStep } from '../routing-step.entity.js';
import { WORK_ORDER_STATUSES, type WorkOrder } from '../work-order.entity.js';
import type { WorkReport } from '../work-report.entity.js';

/** What the API shows of the work-order records, and the JSON Schemas that say so. */

/** A declared process parameter, as the routing API takes and shows it. */
export function routingParameterSchema() {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'unit'],
    properties: {
      // Typed as `名=值` in chat: no spaces, no `=`.
      name: { type: 'string', pattern: '^[^\\s=＝]{1,32}$' },
      unit: { type: 'string', maxLength: 16 },
      nominal: { type: 'number' },
      min: { type: 'number' },
      max: { type: 'number' },
    },
  };
}

export const itemSchema = object({
  code: { type: 'string' },
  name: { type: 'string' },
  unit: { type: 'string' },
  kind: { enum: [...ITEM_KINDS] },
  source: { enum: [...ITEM_SOURCES], description: 'erp: kept by the ERP, read-only in chat' },
  serialised: { type: 'boolean', description: 'Each accepted piece gets a serial number (序列号) at 终检' },
});

export const routingStepSchema = object({
  sequence: { type: 'integer' },
  name: { type: 'string' },
  workCenter: nullable('string'),
  equipmentType: nullable('string'),
  standardMinutes: { type: 'number' },
  setupMinutes: { type: 'number' },
  parameters: {
    type: 'array',
    description:
      '工艺参数 a report on the operation records (factory.yaml quality.parameters may add or override)',
    items: routingParameterSchema(),
  },
  characteristics: {
    type: 'array',
    description: '检验特性 QC measures at 首检, 巡检 and 终检 (名=值), each with its unit and limits',
    items: routingParameterSchema(),
  },
});

export const itemWithRoutingSchema = object({
  ...itemSchema.properties,
  routing: { type: 'array', items: routingStepSchema },
});

export const workOrderSchema = object({
  number: { type: 'string' },
  item: { type: 'string' },
  quantity: { type: 'integer' },
  customer: nullable('string'),
  dueDate: { type: 'string', format: 'date' },
  priority: { type: 'integer' },
  status: { enum: [...WORK_ORDER_STATUSES] },
  createdAt: { type: 'string' },
  releasedAt: nullable('string'),
  completedAt: nullable('string'),
});

export const operationSchema = object({
  sequence: { type: 'integer' },
  name: { type: 'string' },
  plannedQuantity: { type: 'integer' },
  standardMinutes: { type: 'number' },
  status: { type: 'string' },
  good: { type: 'integer' },
  scrap: { type: 'integer' },
  assignee: nullable('string'),
  team: nullable('string'),
  equipment: nullable('string'),
  startedAt: nullable('string'),
  finishedAt: nullable('string'),
});

export const workOrderWithOperationsSchema = object({
  ...workOrderSchema.properties,
  operations: { type: 'array', items: operationSchema },
});

export const workReportSchema = object({
  id: { type: 'integer' },
  workOrder: { type: 'string' },
  operation: { type: 'integer' },
  operationName: { type: 'string' },
  person: { type: 'string' },
  reportedAt: { type: 'string' },
  good: { type: 'integer', description: 'Negative on a reversal' },
  scrap: { type: 'integer', description: 'Negative on a reversal' },
  minutes: { type: 'integer' },
  equipment: nullable('string'),
  channel: { type: 'string' },
  reverses: { ...nullable('integer'), description: 'The report this one reverses' },
});

export const exceptionSchema = object({
  id: { type: 'integer' },
  ref: { type: 'string', description: 'How people quote it in chat: E12' },
  kind: { enum: [...EXCEPTION_KINDS] },
  status: { enum: [...EXCEPTION_STATUSES] },
  workOrder: { ...nullable('string'), description: 'Null for one about a machine or a form, not an order' },
  operation: { ...nullable('integer'), description: 'The operation it was raised on, when one was running' },
  reason: { type: 'string' },
  raisedBy: { type: 'string' },
  raisedAt: { type: 'string' },
  acknowledgedBy: nullable('string'),
  acknowledgedAt: nullable('string'),
  closedBy: nullable('string'),
  closedAt: nullable('string'),
  closeNote: nullable('string'),
});

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const itemView = (item: Item) => ({
  code: item.code,
  name: item.name,
  unit: item.unit,
  kind: item.kind,
  source: item.source,
  serialised: item.serialised,
});

export const routingStepView = (step: RoutingStep) => ({
  sequence: step.sequence,
  name: step.name,
  workCenter: step.workCenter ?? null,
  equipmentType: step.equipmentType ?? null,
  standardMinutes: step.standardMinutes,
  setupMinutes: step.setupMinutes,
  parameters: step.parameters ?? [],
  characteristics: step.characteristics ?? [],
});

export const workOrderView = (order: WorkOrder) => ({
  number: order.number,
  item: order.item.code,
  quantity: order.quantity,
  customer: order.customer ?? null,
  dueDate: order.dueDate,
  priority: order.priority,
  status: order.status,
  createdAt: order.createdAt.toISOString(),
  releasedAt: iso(order.releasedAt),
  completedAt: iso(order.completedAt),
});

export const operationView = (task: OperationTask) => ({
  sequence: task.sequence,
  name: task.name,
  plannedQuantity: task.plannedQuantity,
  standardMinutes: task.standardMinutes,
  status: task.status,
  good: task.goodTotal,
  scrap: task.scrapTotal,
  assignee: task.assignee?.id ?? null,
  team: task.team?.id ?? null,
  equipment: task.equipment?.code ?? null,
  startedAt: iso(task.startedAt),
  finishedAt: iso(task.finishedAt),
});

export const workReportView = (report: WorkReport) => ({
  id: report.id,
  workOrder: report.task.workOrder.number,
  operation: report.task.sequence,
  operationName: report.task.name,
  person: report.person.id,
  reportedAt: report.reportedAt.toISOString(),
  good: report.good,
  scrap: report.scrap,
  minutes: report.minutes,
  equipment: report.equipment?.code ?? null,
  channel: report.channel,
  reverses: report.reverses?.id ?? null,
});

export const exceptionView = (e: ProductionException) => ({
  id: e.id,
  ref: `E${e.id}`,
  kind: e.kind,
  status: e.status,
  workOrder: e.workOrder?.number ?? null,
  operation: e.task?.sequence ?? null,
  reason: e.reason,
  raisedBy: e.raisedBy.id,
  raisedAt: e.raisedAt.toISOString(),
  acknowledgedBy: e.acknowledgedBy?.id ?? null,
  acknowledgedAt: iso(e.acknowledgedAt),
  closedBy: e.closedBy?.id ?? null,
  closedAt: iso(e.closedAt),
  closeNote: e.closeNote ?? null,
});
