import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';
import { Equipment } from '../equipment.entity.js';
import { MaintenancePlan } from './maintenance-plan.entity.js';

export const MAINTENANCE_TASK_STATUSES = ['open', 'accepted', 'done'] as const;
export type MaintenanceTaskStatus = (typeof MAINTENANCE_TASK_STATUSES)[number];

/**
 * One round of a plan on one machine, made when the plan comes due. The unique
 * (plan, equipment, cycle) is what lets two servers' scans make it once.
 */
export const MaintenanceTask = defineEntity({
  name: 'MaintenanceTask',
  tableName: 'maintenance_tasks',
  uniques: [{ properties: ['plan', 'equipment', 'cycle'] }],
  indexes: [{ properties: ['status'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    plan: () => p.manyToOne(MaintenancePlan),
    equipment: () => p.manyToOne(Equipment),
    cycle: p.integer(),
    status: p.string().length(16).$type<MaintenanceTaskStatus>().default('open'),
    /** Why it came due: running hours reached, or the calendar day arrived. */
    dueReason: p.string().length(8).$type<'hours' | 'days'>(),
    createdAt: p.datetime(3),
    /** When it must be done by; 延期 moves it. Escalation counts from here. */
    deadline: p.datetime(3),
    acceptedBy: () => p.manyToOne(Person).nullable(),
    acceptedAt: p.datetime(3).nullable(),
    doneBy: () => p.manyToOne(Person).nullable(),
    doneAt: p.datetime(3).nullable(),
    /** Running minutes of the machine when it was done: the plan's new baseline. */
    doneAtMinutes: p.integer().nullable(),
    /** Checklist items confirmed done, and a note for the ones that were not. */
    checked: p.json<string[]>().nullable(),
    note: p.string().length(500).nullable(),
    postponements: p.integer().default(0),
    postponeReason: p.string().length(200).nullable(),
    /** Bumped by every change, so a card drawn before it refuses a stale tap. */
    revision: p.integer().default(1),
  },
});

export type MaintenanceTask = InferEntity<typeof MaintenanceTask>;
