import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A card we sent. Its buttons are keyed `<id>.<n>`; `actions[n]` says what each one means,
 * and `subjectVersion` what the subject looked like when the card was drawn, so a click on a
 * card that the world has since overtaken can be told apart and refused.
 */
export const CardInstance = defineEntity({
  name: 'CardInstance',
  tableName: 'card_instances',
  indexes: [{ properties: ['subjectType', 'subjectId'] }],
  properties: {
    id: p.string().length(24).primary(),
    /** The first card of this place on screen; equal to `id` for a card drawn afresh. */
    originalRef: p.string().length(24),
    cardType: p.string().length(32),
    subjectType: p.string().length(32),
    subjectId: p.string().length(64),
    subjectVersion: p.string().length(64),
    actions: p.json<string[]>(),
    createdAt: p.datetime(3),
  },
});

export type CardInstance = InferEntity<typeof CardInstance>;
