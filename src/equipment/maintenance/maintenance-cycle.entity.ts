import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Equipment } from '../equipment.entity.js';
import { MaintenancePlan } from './maintenance-plan.entity.js';

/**
 * Where one plan stands on one machine: the counter and the moment it was last reset (by a
 * completed task, or when the plan started). `cycle` counts the resets; it names the task
 * and the reminders of the current round so that they are made once.
 */
export const MaintenanceCycle = defineEntity({
  name: 'MaintenanceCycle',
  tableName: 'maintenance_cycles',
  uniques: [{ properties: ['plan', 'equipment'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    plan: () => p.manyToOne(MaintenancePlan).deleteRule('cascade'),
    equipment: () => p.manyToOne(Equipment).deleteRule('cascade'),
    cycle: p.integer().default(1),
    baselineMinutes: p.integer(),
    baselineAt: p.datetime(3),
  },
});

export type MaintenanceCycle = InferEntity<typeof MaintenanceCycle>;
