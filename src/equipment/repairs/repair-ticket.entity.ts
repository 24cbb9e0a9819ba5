import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';
import { Equipment } from '../equipment.entity.js';

/** 报修 → 接单 → 维修中 → 待验收 → 归档. */
export const REPAIR_STATES = ['reported', 'accepted', 'repairing', 'verifying', 'archived'] as const;
export type RepairState = (typeof REPAIR_STATES)[number];

export const RepairTicket = defineEntity({
  name: 'RepairTicket',
  tableName: 'repair_tickets',
  indexes: [{ properties: ['state'] }, { properties: ['reportedAt'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    equipment: () => p.manyToOne(Equipment),
    symptom: p.string().length(500),
    reportedBy: () => p.manyToOne(Person),
    reportedAt: p.datetime(3),
    state: p.string().length(16).$type<RepairState>().default('reported'),
    /** When the current state was entered: its time limit counts from here. */
    stateSince: p.datetime(3),
    /** Moves the ticket has made; with the state it names this visit of the state (验收不通过 returns to one). */
    stateVisit: p.integer().default(1),
    technician: () => p.manyToOne(Person).nullable(),
    /** Who accepted the repair (验收): the reporter, a team lead or a supervisor. */
    verifiedBy: () => p.manyToOne(Person).nullable(),
    archivedAt: p.datetime(3).nullable(),
    revision: p.integer().default(1),
  },
});

export type RepairTicket = InferEntity<typeof RepairTicket>;
