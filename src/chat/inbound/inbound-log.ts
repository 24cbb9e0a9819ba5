import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Orm } from '../../db/orm.js';
import type { InboundEvent } from '../inbound-event.js';
import { InboundRecord } from './inbound-record.entity.js';

/**
 * Stores the raw event, in a short transaction of its own, unless it is stored already. Only
 * after this may a platform be acknowledged: from here on a crash or a database outage while
 * handling loses nothing, because the resume job finds the row still unhandled.
 */
export async function recordInbound(orm: Orm, event: InboundEvent): Promise<InboundRecord> {
  const em = orm.em.fork();
  const stored = await em.findOne(InboundRecord, keyOf(event));
  if (stored) return stored;
  const record = em.create(InboundRecord, {
    channel: event.channel,
    platformMessageId: event.platformMessageId,
    kind: event.kind,
    senderId: event.senderId,
    payload: payloadOf(event),
    replies: [],
    receivedAt: event.receivedAt,
    handledAt: null,
    // Given, not defaulted: a column left to its default is read back after the insert.
    resumeAttempts: 0,
  });
  try {
    await em.flush();
    return record;
  } catch (error) {
    // A redelivery arriving at the same moment stored it first: that row is the one.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return orm.em.fork().findOneOrFail(InboundRecord, keyOf(event));
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
