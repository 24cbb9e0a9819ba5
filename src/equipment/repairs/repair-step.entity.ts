import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';
import { RepairTicket, type RepairState } from './repair-ticket.entity.js';

/** The ticket's history: who moved it where and when, with what they said. */
export const RepairStep = defineEntity({
  name: 'RepairStep',
  tableName: 'repair_steps',
  properties: {
    id: p.integer().primary().autoincrement(),
    ticket: () => p.manyToOne(RepairTicket).deleteRule('cascade'),
    fromState: p.string().length(16).$type<RepairState>().nullable(),
    toState: p.string().length(16).$type<RepairState>(),
    at: p.datetime(3),
    by: () => p.manyToOne(Person).nullable(),
    note: p.string().length(500).nullable(),
  },
});

export type RepairStep = InferEntity<typeof RepairStep>;
