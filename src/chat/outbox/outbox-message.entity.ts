import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { OutboundContent } from '../outbound.js';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';

/**
 * A message the bot has decided to send, written in the same transaction as the change that
 * caused it. The dispatcher delivers it later, with retries and within the platform's limits.
 */
export const OutboxMessage = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox_messages',
  indexes: [
    { properties: ['status', 'nextAttemptAt'] },
    { properties: ['channel', 'recipientKey', 'sentAt'] },
    { properties: ['cardRef'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    channel: p.string().length(16),
    /** Platform address: a user id, `group:<chat id>`, … — also the key for per-recipient pacing. */
    recipientKey: p.string().length(191),
    personId: p.string().length(64).nullable(),
    content: p.json<OutboundContent>(),
    /** For cards: the original card ref, so a later redraw can find where the card went. */
    cardRef: p.string().length(24).nullable(),
    /** Set for messages that must exist once per cause (a reminder for a slot), else null. */
    dedupeKey: p.string().length(191).nullable().unique(),
    status: p.string().length(8).$type<OutboxStatus>(),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime(3),
    leaseUntil: p.datetime(3).nullable(),
    lastError: p.text().nullable(),
    createdAt: p.datetime(3),
    sentAt: p.datetime(3).nullable(),
    /** What the platform answered: msgid, task_id, outTrackId… used to update a card later. */
    delivery: p.json<Record<string, unknown>>().nullable(),
  },
});

export type OutboxMessage = InferEntity<typeof OutboxMessage>;
