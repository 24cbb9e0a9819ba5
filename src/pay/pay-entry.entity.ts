import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import { PieceRate } from './piece-rate.entity.js';

/**
 * What one report (or its reversal) earned, in integer fen: one row per report, written in the
 * report's own transaction, so the pay and the pieces can never disagree.
 */
export const PayEntry = defineEntity({
  name: 'PayEntry',
  tableName: 'pay_entries',
  uniques: [{ properties: ['report'] }],
  indexes: [{ properties: ['person', 'day'] }, { properties: ['month', 'person'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    person: () => p.manyToOne(Person),
    report: () => p.manyToOne(WorkReport),
    rate: () => p.manyToOne(PieceRate),
    good: p.integer(),
    scrap: p.integer(),
    fen: p.integer(),
    /** The factory-local day (and month) the earning counts in: a reversal counts where its report did. */
    day: p.string().length(10),
    month: p.string().length(7),
    recordedAt: p.datetime(3),
  },
});

export type PayEntry = InferEntity<typeof PayEntry>;
