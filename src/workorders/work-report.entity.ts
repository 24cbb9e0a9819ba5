import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Equipment } from '../equipment/equipment.entity.js';
import { Person } from '../people/person.entity.js';
import { OperationTask } from './operation-task.entity.js';

/**
 * A 报工: immutable. A correction is a new report with negative quantities that points at
 * the one it reverses, so yesterday's figures can always be recomputed as they were.
 */
export const WorkReport = defineEntity({
  name: 'WorkReport',
  tableName: 'work_reports',
  indexes: [{ properties: ['reportedAt'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    task: () => p.manyToOne(OperationTask),
    person: () => p.manyToOne(Person),
    reportedAt: p.datetime(3),
    good: p.integer(),
    scrap: p.integer(),
    equipment: () => p.manyToOne(Equipment).nullable(),
    minutes: p.integer(),
    channel: p.string().length(16),
    inboundEventId: p.bigint('number').nullable(),
    reverses: () => p.manyToOne(WorkReport).nullable(),
  },
});

export type WorkReport = InferEntity<typeof WorkReport>;
