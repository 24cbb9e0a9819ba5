import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Someone wrote to the bot who is bound to nobody; admins are told once per sender. */
export const UnknownSender = defineEntity({
  name: 'UnknownSender',
  tableName: 'unknown_senders',
  uniques: [{ properties: ['platform', 'externalId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    platform: p.string().length(16),
    externalId: p.string().length(128),
    firstSeenAt: p.datetime(3),
    lastSeenAt: p.datetime(3),
    messages: p.integer().default(1),
  },
});

export type UnknownSender = InferEntity<typeof UnknownSender>;
