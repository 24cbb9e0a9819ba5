import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';
import { Team } from '../../people/team.entity.js';
import { OperationTask } from '../../workorders/operation-task.entity.js';
import { Inspection } from './inspection.entity.js';

export const REWORK_STATUSES = ['open', 'done'] as const;
export type ReworkStatus = (typeof REWORK_STATUSES)[number];

/**
 * Pieces a 终检 sent back to an operation (RW<id>): whoever works that operation redoes them and
 * says how many came good; those go back to waiting for 终检, the rest are scrap.
 */
export const ReworkTask = defineEntity({
  name: 'ReworkTask',
  tableName: 'rework_tasks',
  indexes: [{ properties: ['task', 'status'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    inspection: () => p.manyToOne(Inspection).deleteRule('cascade'),
    task: () => p.manyToOne(OperationTask).deleteRule('cascade'),
    quantity: p.integer(),
    /** Who the operation was with when the rework was ordered: they are asked, and may finish it. */
    assignee: () => p.manyToOne(Person).nullable(),
    team: () => p.manyToOne(Team).nullable(),
    status: p.string().length(8).$type<ReworkStatus>().default('open'),
    createdAt: p.datetime(3),
    good: p.integer().default(0),
    scrap: p.integer().default(0),
    finishedAt: p.datetime(3).nullable(),
    finishedBy: () => p.manyToOne(Person).nullable(),
  },
});

export type ReworkTask = InferEntity<typeof ReworkTask>;

export const reworkLabel = (id: number): string => `RW${id}`;
