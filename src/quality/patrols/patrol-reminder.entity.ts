import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { OperationTask } from '../../workorders/operation-task.entity.js';

/**
 * A 巡检 reminder sent for an operation: once per interval, the interval being "since its last
 * 巡检" (`afterInspection`, 0 before the first), so a job run twice does not remind twice.
 */
export const PatrolReminder = defineEntity({
  name: 'PatrolReminder',
  tableName: 'patrol_reminders',
  uniques: [{ properties: ['task', 'afterInspection'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    task: () => p.manyToOne(OperationTask).deleteRule('cascade'),
    afterInspection: p.integer(),
    remindedAt: p.datetime(3),
  },
});

export type PatrolReminder = InferEntity<typeof PatrolReminder>;
