import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import { Team } from '../people/team.entity.js';

/** 运行 / 停机 / 保养中 / 维修中. */
export const EQUIPMENT_STATUSES = ['running', 'stopped', 'maintenance', 'repair'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

export const Equipment = defineEntity({
  name: 'Equipment',
  tableName: 'equipment',
  indexes: [{ properties: ['type'] }],
  properties: {
    code: p.string().length(32).primary(),
    name: p.string().length(100),
    type: p.string().length(64).nullable(),
    team: () => p.manyToOne(Team).nullable(),
    /** The person answerable for the machine: a form filled by `machine_responsible` goes to them. */
    responsible: () => p.manyToOne(Person).nullable(),
    location: p.string().length(100).nullable(),
    model: p.string().length(100).nullable(),
    /** Factory-local date, `YYYY-MM-DD`. */
    commissionedOn: p.string().length(10).nullable(),
    status: p.string().length(16).$type<EquipmentStatus>().default('running'),
    /** Running time in minutes; hours are shown, minutes kept exact. */
    runningMinutes: p.integer().default(0),
    /**
     * Up to when work reports have been counted: two operations running on the machine at once
     * report overlapping time, and the machine ran it once.
     */
    countedUntil: p.datetime(3).nullable(),
    /**
     * What feeds the counter: work reports, until a gateway reports the machine's hours; from then
     * on the gateway alone, so report minutes cannot push the counter past the meter.
     */
    hoursSource: p.string().length(8).$type<'reports' | 'gateway'>().default('reports'),
  },
});

export type Equipment = InferEntity<typeof Equipment>;
