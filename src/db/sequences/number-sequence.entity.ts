import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The last number handed out per kind of record and scope (a factory day): a row is locked by
 * the transaction that advances it, so concurrent creators queue instead of counting rows.
 */
export const NumberSequence = defineEntity({
  name: 'NumberSequence',
  tableName: 'number_sequences',
  properties: {
    kind: p.string().length(32).primary(),
    scope: p.string().length(32).primary(),
    lastValue: p.integer(),
  },
});

export type NumberSequence = InferEntity<typeof NumberSequence>;
