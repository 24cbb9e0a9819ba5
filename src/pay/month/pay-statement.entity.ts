import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';

export const STATEMENT_STATUSES = ['sent', 'confirmed', 'disputed', 'resolved'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

/**
 * A worker's 工资条 for a closed month: the total as closed, and what the worker said to it
 * (确认, or 有异议 with a reason their lead resolves).
 */
export const PayStatement = defineEntity({
  name: 'PayStatement',
  tableName: 'pay_statements',
  uniques: [{ properties: ['month', 'person'] }],
  indexes: [{ properties: ['status'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    month: p.string().length(7),
    person: () => p.manyToOne(Person),
    fen: p.integer(),
    status: p.string().length(16).$type<StatementStatus>().default('sent'),
    reason: p.string().length(500).nullable(),
    respondedAt: p.datetime(3).nullable(),
    /** Bumped on every answer, so the card's buttons go stale once answered. */
    revision: p.integer().default(0),
  },
});

export type PayStatement = InferEntity<typeof PayStatement>;
