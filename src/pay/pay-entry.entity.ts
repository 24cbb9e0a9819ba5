import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import { PieceRate } from './piece-rate.entity.js';

/**
 * What one report (or its reversal) earned one person, in integer fen: one row per report and
 * person (a team rate's earning is split into one row per member), written in the report's own
 * transaction, so the pay and the pieces can never disagree. A scrap deduction for pieces QC
 * rejected at 终检 is an entry too, with no report: `inspectionId` and `reasonCode` say why.
 */
export const PayEntry = defineEntity({
  name: 'PayEntry',
  tableName: 'pay_entries',
  uniques: [{ properties: ['report', 'person'] }, { properties: ['inspectionId', 'person'] }],
  indexes: [{ properties: ['person', 'day'] }, { properties: ['month', 'person'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    person: () => p.manyToOne(Person),
    /** Null for a deduction by reject reason (it comes from an inspection, not a report). */
    report: () => p.manyToOne(WorkReport).nullable(),
    rate: () => p.manyToOne(PieceRate).nullable(),
    /** The 终检 whose rejected pieces this deduction is for (quality's inspection id). */
    inspectionId: p.integer().nullable(),
    /** The reject reason code the deduction is priced by (factory.yaml `pay.rejectDeductions`). */
    reasonCode: p.string().length(16).nullable(),
    good: p.integer(),
    scrap: p.integer(),
    /** What this person is paid for it: the pieces at the rate, less `deductionFen`. */
    fen: p.integer(),
    /** The scrap deduction already taken off `fen` (this person's part of it for a team split). */
    deductionFen: p.integer().default(0),
    /** How many people share the report's earning: 1 for one's own report, the team size for a split. */
    splitAmong: p.integer().default(1),
    /**
     * The report of a closed month this entry corrects: its month was closed, so the entry
     * lands in the next open month instead (late correction).
     */
    lateFor: () => p.manyToOne(WorkReport).nullable(),
    /**
     * The factory-local day (and month) the earning counts in: a reversal counts where its report
     * did, unless that month is closed (then `lateFor` says which report it corrects).
     */
    day: p.string().length(10),
    month: p.string().length(7),
    recordedAt: p.datetime(3),
  },
});

export type PayEntry = InferEntity<typeof PayEntry>;
