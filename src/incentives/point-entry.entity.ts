import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';

export type PointSource = 'rule' | 'manual';

/**
 * One line of the points ledger. Never updated or deleted: a correction is a new entry (a
 * supervisor's deduction with its reason). A rule pays an event at most once — the unique key
 * on (rule, event) holds across re-evaluations, replays and server instances.
 */
export const PointEntry = defineEntity({
  name: 'PointEntry',
  tableName: 'point_entries',
  uniques: [{ properties: ['ruleId', 'eventKey'] }],
  indexes: [{ properties: ['person', 'occurredAt'] }, { properties: ['occurredAt'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    person: () => p.manyToOne(Person),
    /** Negative for a deduction. */
    points: p.integer(),
    source: p.string().length(8).$type<PointSource>(),
    /** The rule's id in factory.yaml; null for a supervisor's entry. */
    ruleId: p.string().length(64).nullable(),
    /** What caused it, e.g. `work_report:123`; null for a supervisor's entry. */
    eventKey: p.string().length(128).nullable(),
    /** The rule's name, or the supervisor's reason, as it read when the entry was written. */
    reason: p.string().length(200),
    /** The event's fields (or who made a manual entry), for saying why in 积分. */
    details: p.json<Record<string, unknown>>(),
    /** When the deed happened: it decides the day and week the points count in. */
    occurredAt: p.datetime(3),
    recordedAt: p.datetime(3),
    /** The supervisor who made a manual entry. */
    recordedBy: p.string().length(64).nullable(),
  },
});

export type PointEntry = InferEntity<typeof PointEntry>;
