import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { OutboundContent } from '../outbound.js';

/**
 * One row per platform delivery, stored in a transaction of its own before the platform is
 * acknowledged; the effect's transaction then sets `handledAt` and the answer. A repeat of the
 * same (channel, platform message id) finds this row and gets the same answer back; a row left
 * unhandled (crash, database outage) is handled again by the resume job.
 */
export const InboundRecord = defineEntity({
  name: 'InboundRecord',
  tableName: 'inbound_events',
  uniques: [{ properties: ['channel', 'platformMessageId'] }],
  // The resume job looks for rows still unhandled, oldest first.
  indexes: [{ properties: ['handledAt', 'receivedAt'] }],
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
    /** Null until the effect (or the refusal) is committed together with its answer. */
    handledAt: p.datetime(3).nullable(),
    /** How often the resume job took this row up; it gives up on one that keeps failing. */
    resumeAttempts: p.integer().default(0),
  },
});

export type InboundRecord = InferEntity<typeof InboundRecord>;
