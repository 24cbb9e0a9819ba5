import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Team } from '../people/team.entity.js';

/** 运行 / 停机 / 保养中 / 维修中. */
export const EQUIPMENT_STATUSES = ['running', 'stopped', 'maintenance', 'repair'] as const;

export const Equipment = defineEntity({
  name: 'Equipment',
  tableName: 'equipment',
  properties: {
    code: p.string().length(32).primary(),
    name: p.string().length(100),
    type: p.string().length(64).nullable(),
    team: () => p.manyToOne(Team).nullable(),
    status: p.string().length(16).$type<(typeof EQUIPMENT_STATUSES)[number]>().default('running'),
    /** Running time in minutes, fed by work reports; hours are shown, minutes are kept exact. */
    runningMinutes: p.integer().default(0),
  },
});

export type Equipment = InferEntity<typeof Equipment>;
