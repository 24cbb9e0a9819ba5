import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Orm } from '../../db/orm.js';
import type { InboundEvent } from '../inbound-event.js';
import type { OutboundContent } from '../outbound.js';
import { InboundRecord } from './inbound-record.entity.js';

/**
 * What `recordInbound` found or stored. `fresh`: this call stored the row, so no other delivery
 * of the event has been handled yet (one may start, and the handled mark decides which commits).
 */
export type RecordedInbound =
  | { id: number; fresh: true }
  | { id: number; fresh: false; handledAt: Date | null; replies: OutboundContent[] };

/**
 * Stores the raw event, with one INSERT outside any transaction, unless it is stored already.
 * Only after this may a platform be acknowledged: from here on a crash or a database outage
 * while handling loses nothing, because the resume job finds the row still unhandled.
 */
export async function recordInbound(orm: Orm, event: InboundEvent): Promise<RecordedInbound> {
  try {
    const id = await orm.em.fork().insert(InboundRecord, {
      channel: event.channel,
      platformMessageId: event.platformMessageId,
      kind: event.kind,
      senderId: event.senderId,
      payload: payloadOf(event),
      replies: [],
      receivedAt: event.receivedAt,
      handledAt: null,
      resumeAttempts: 0,
    });
    return { id: Number(id), fresh: true };
  } catch (error) {
    // A redelivery: this one, or one arriving at the same moment, stored it first.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const stored = await orm.em.fork().findOneOrFail(InboundRecord, keyOf(event));
    return { id: stored.id, fresh: false, handledAt: stored.handledAt ?? null, replies: stored.replies };
  }
}

export function keyOf(event: Pick<InboundEvent, 'channel' | 'platformMessageId'>) {
  return { channel: event.channel, platformMessageId: event.platformMessageId };
}

/** The event as it arrived, rebuilt from its row, for handling it again after a restart. */
export function eventOf(record: InboundRecord): InboundEvent {
  // The payload is what payloadOf() kept of this very event, so the union member matches.
  return {
    ...record.payload,
    channel: record.channel,
    platformMessageId: record.platformMessageId,
    senderId: record.senderId,
    receivedAt: record.receivedAt,
  } as InboundEvent;
}

function payloadOf(event: InboundEvent): Record<string, unknown> {
  const { channel: _c, platformMessageId: _p, senderId: _s, receivedAt: _r, ...rest } = event;
  return rest;
}
