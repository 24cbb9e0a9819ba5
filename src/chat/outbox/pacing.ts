import type { EntityManager } from '@mikro-orm/core';
import { recipientKindOf, type RateLimit } from '../channel.js';
import { OutboxMessage } from './outbox-message.entity.js';

/**
 * When may the next message to this recipient (or on this channel) go out without breaking
 * the platform's sliding-window limits? Counted from what the outbox has sent or is sending,
 * so every server instance sees the same count.
 */
export async function earliestAllowed(
  em: EntityManager,
  channel: string,
  recipientKey: string,
  limits: readonly RateLimit[],
  now: Date,
): Promise<Date | undefined> {
  let earliest: Date | undefined;
  const kind = recipientKindOf(recipientKey);
  for (const limit of limits) {
    if (limit.appliesTo !== undefined && limit.appliesTo !== kind) continue;
    const since = new Date(now.getTime() - limit.windowMs);
    const scope = limit.scope === 'recipient' ? { channel, recipientKey } : { channel };
    const inWindow = await em.find(
      OutboxMessage,
      { ...scope, $or: [{ sentAt: { $gte: since } }, { status: 'sending' }] },
      { fields: ['sentAt'], orderBy: { sentAt: 'desc' }, limit: limit.max },
    );
    if (inWindow.length < limit.max) continue;
    // The window frees up when the oldest of the last `max` sends leaves it.
    const oldest = inWindow[inWindow.length - 1]?.sentAt ?? now;
    const freeAt = new Date(oldest.getTime() + limit.windowMs);
    if (freeAt > now && (!earliest || freeAt > earliest)) earliest = freeAt;
  }
  return earliest;
}
