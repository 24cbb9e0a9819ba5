import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { OutboundContent } from '../outbound.js';

/**
 * One row per platform delivery, written in the same transaction as its effect. A repeat of
 * the same (channel, platform message id) finds this row and gets the same answer back.
 */
export const InboundRecord = defineEntity({
  name: 'InboundRecord',
  tableName: 'inbound_events',
  uniques: [{ properties: ['channel', 'platformMessageId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    channel: p.string().length(16),
    platformMessageId: p.string().length(191),
    kind: p.string().length(16),
    senderId: p.string().length(128),
    personId: p.string().length(64).nullable(),
    payload: p.json<Record<string, unknown>>(),
    replies: p.json<OutboundContent[]>(),
    receivedAt: p.datetime(3),
  },
});

export type InboundRecord = InferEntity<typeof InboundRecord>;
