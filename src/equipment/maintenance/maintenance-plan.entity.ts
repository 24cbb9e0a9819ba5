import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';
import { Team } from '../../people/team.entity.js';
import { Equipment } from '../equipment.entity.js';

/**
 * Preventive maintenance: every `everyHours` running hours and/or every `everyDays` days,
 * whichever comes first, for one machine or for every machine of a type. Plans from
 * factory.yaml are kept in step with the file; plans made in chat belong to the database.
 */
export const MaintenancePlan = defineEntity({
  name: 'MaintenancePlan',
  tableName: 'maintenance_plans',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** The plan's id in factory.yaml, or `P<n>` for one made in chat. */
    code: p.string().length(64).unique(),
    name: p.string().length(100),
    equipment: () => p.manyToOne(Equipment).nullable(),
    equipmentType: p.string().length(64).nullable(),
    everyHours: p.integer().nullable(),
    everyDays: p.integer().nullable(),
    /** Remind this many running hours / days before the plan comes due. */
    leadHours: p.integer().default(0),
    leadDays: p.integer().default(0),
    checklist: p.json<string[]>(),
    /** Checklist items that must be ticked for the round to count as done (a press's two-hand test). */
    requiredItems: p.json<string[]>().nullable(),
    responsiblePerson: () => p.manyToOne(Person).nullable(),
    responsibleTeam: () => p.manyToOne(Team).nullable(),
    source: p.string().length(8).$type<'config' | 'chat'>(),
    active: p.boolean().default(true),
    createdAt: p.datetime(3),
    createdBy: p.string().length(64).nullable(),
  },
});

export type MaintenancePlan = InferEntity<typeof MaintenancePlan>;
