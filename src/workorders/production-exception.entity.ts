import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import { OperationTask } from './operation-task.entity.js';
import { WorkOrder } from './work-order.entity.js';

export const EXCEPTION_KINDS = ['material', 'equipment', 'quality', 'other'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export const EXCEPTION_STATUSES = ['raised', 'acknowledged', 'closed'] as const;

/** A problem raised from chat (缺料, 设备故障, 质量问题, 其他) and its way to being closed. */
export const ProductionException = defineEntity({
  name: 'ProductionException',
  tableName: 'production_exceptions',
  indexes: [{ properties: ['status'] }, { properties: ['raisedAt'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    kind: p.string().length(16).$type<(typeof EXCEPTION_KINDS)[number]>(),
    /** Null for one raised by a form (设备点检 out of limits), which is about a machine, not an order. */
    workOrder: () => p.manyToOne(WorkOrder).nullable(),
    task: () => p.manyToOne(OperationTask).nullable(),
    reason: p.string().length(500),
    status: p.string().length(16).$type<(typeof EXCEPTION_STATUSES)[number]>().default('raised'),
    raisedBy: () => p.manyToOne(Person),
    raisedAt: p.datetime(3),
    acknowledgedBy: () => p.manyToOne(Person).nullable(),
    acknowledgedAt: p.datetime(3).nullable(),
    closedBy: () => p.manyToOne(Person).nullable(),
    closedAt: p.datetime(3).nullable(),
    /** What the closer said was done about it (`关闭 E3 已补料`). */
    closeNote: p.string().length(500).nullable(),
  },
});

export type ProductionException = InferEntity<typeof ProductionException>;
