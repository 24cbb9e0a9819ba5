import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Item } from './item.entity.js';

/** 计划 → 已下达 → 生产中 → 已完工 → 已关闭, or 已取消. */
export const WORK_ORDER_STATUSES = [
  'planned',
  'released',
  'in_progress',
  'completed',
  'closed',
  'cancelled',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WorkOrder = defineEntity({
  name: 'WorkOrder',
  tableName: 'work_orders',
  // completedAt: the KPIs' on-time delivery reads the orders completed in a week out of years of them.
  indexes: [{ properties: ['status', 'dueDate'] }, { properties: ['completedAt'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    number: p.string().length(32).unique(),
    item: () => p.manyToOne(Item),
    quantity: p.integer(),
    customer: p.string().length(100).nullable(),
    /** Factory-local calendar date `YYYY-MM-DD`: a due date is a day, not an instant. */
    dueDate: p.string().length(10),
    priority: p.integer().default(3),
    status: p.string().length(16).$type<(typeof WORK_ORDER_STATUSES)[number]>().default('planned'),
    createdAt: p.datetime(3),
    releasedAt: p.datetime(3).nullable(),
    completedAt: p.datetime(3).nullable(),
  },
});

export type WorkOrder = InferEntity<typeof WorkOrder>;
