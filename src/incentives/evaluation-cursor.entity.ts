import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * How far the rules of one trigger have been evaluated. Each evaluation writes `lockedAt` first,
 * so the row lock (a write lock on SQLite) makes server instances take turns: caps are counted
 * by one evaluation at a time.
 */
export const EvaluationCursor = defineEntity({
  name: 'EvaluationCursor',
  tableName: 'incentive_cursors',
  properties: {
    trigger: p.string().length(32).primary(),
    evaluatedTo: p.datetime(3),
    lockedAt: p.datetime(3),
  },
});

export type EvaluationCursor = InferEntity<typeof EvaluationCursor>;
