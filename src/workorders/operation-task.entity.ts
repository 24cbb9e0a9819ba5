import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Equipment } from '../equipment/equipment.entity.js';
import { Person } from '../people/person.entity.js';
import { Team } from '../people/team.entity.js';
import { WorkOrder } from './work-order.entity.js';
import type { RoutingCharacteristic, RoutingParameter } from './routing-step.entity.js';

/** 待派工 → 已派工 → 进行中 → 已完成, or 已取消 with its work order (its reports are kept). */
export const TASK_STATUSES = ['pending', 'dispatched', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** One routing step of one work order: what a worker starts, reports and finishes. */
export const OperationTask = defineEntity({
  name: 'OperationTask',
  tableName: 'operation_tasks',
  uniques: [{ properties: ['workOrder', 'sequence'] }],
  indexes: [{ properties: ['assignee', 'status'] }, { properties: ['team', 'status'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    workOrder: () => p.manyToOne(WorkOrder).deleteRule('cascade'),
    sequence: p.integer(),
    name: p.string().length(64),
    plannedQuantity: p.integer(),
    standardMinutes: p.double().$type<number>().runtimeType('number').default(0),
    /** Copied from the routing step when the order is made, so a later routing change leaves it be. */
    firstArticle: p.boolean().default(false),
    /** 工艺参数 copied from the routing step with the order, like the 首检 flag; null when none. */
    parameters: p.json<RoutingParameter[]>().nullable(),
    /** 检验特性 copied from the routing step with the order; null when none. */
    characteristics: p.json<RoutingCharacteristic[]>().nullable(),
    assignee: () => p.manyToOne(Person).nullable(),
    team: () => p.manyToOne(Team).nullable(),
    equipment: () => p.manyToOne(Equipment).nullable(),
    status: p.string().length(16).$type<(typeof TASK_STATUSES)[number]>().default('pending'),
    goodTotal: p.integer().default(0),
    scrapTotal: p.integer().default(0),
    startedAt: p.datetime(3).nullable(),
    finishedAt: p.datetime(3).nullable(),
    /**
     * The latest `reportedAt` of its reports, reversals included: where the next report's
     * minutes start, kept here so that a report need not look its predecessor up.
     */
    lastReportedAt: p.datetime(3).nullable(),
    /** Bumped on every change, so a card drawn earlier can tell it is stale. */
    revision: p.integer().default(0),
  },
});

export type OperationTask = InferEntity<typeof OperationTask>;

/**
 * Marks a change people see on the task's card, so a card drawn earlier is stale and its
 * buttons are refused. A counter bumped here rather than MikroORM's version property: that
 * one bumps once per flush on any change (a report that also finishes the task would count
 * once, not twice; a change no card shows would count too) and makes every flush of a task
 * an optimistic-lock check that can fail where writers now simply serialise.
 */
export function cardChanged(task: OperationTask): void {
  task.revision += 1;
}

/** Every report and reversal of the task goes through here, so `lastReportedAt` stays the latest. */
export function reportedOn(task: OperationTask, at: Date): void {
  if (!task.lastReportedAt || task.lastReportedAt < at) task.lastReportedAt = at;
}
