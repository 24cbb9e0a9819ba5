import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
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

/**
 * The same question for a whole round of lane heads on one channel, in one counting query per
 * limit: a head whose recipient is under every limit may go now; only recipients at a limit
 * are looked at one by one. A channel-wide limit admits as many heads as its window has room
 * for, in the order given. Returns, for each head that must wait, until when.
 */
export async function roundPacing(
  em: EntityManager,
  channel: string,
  heads: readonly OutboxMessage[],
  limits: readonly RateLimit[],
  now: Date,
): Promise<Map<number, Date>> {
  const waits = new Map<number, Date>();
  const atLimit = new Set<string>();
  for (const limit of limits) {
    const since = new Date(now.getTime() - limit.windowMs);
    const inWindow = { channel, $or: [{ sentAt: { $gte: since } }, { status: 'sending' as const }] };
    if (limit.scope === 'channel') {
      let room = limit.max - (await em.count(OutboxMessage, inWindow));
      for (const head of heads) {
        if (waits.has(head.id) || room-- > 0) continue;
        // Room comes back as earlier sends leave the window; a whole window is the longest wait.
        waits.set(head.id, new Date(now.getTime() + limit.windowMs));
      }
      continue;
    }
    const keys = heads
      .map((h) => h.recipientKey)
      .filter((k) => limit.appliesTo === undefined || recipientKindOf(k) === limit.appliesTo);
    if (keys.length === 0) continue;
    // The SQL drivers' entity manager; the core type does not expose the query builder.
    const rows = (await (em as SqlEntityManager)
      .createQueryBuilder(OutboxMessage, 'o')
      .select(['o.recipientKey', raw('count(*) as n')])
      .where({ ...inWindow, recipientKey: { $in: keys } })
      .groupBy('o.recipientKey')
      .execute('all', false)) as Array<{ recipient_key: string; n: unknown }>;
    for (const row of rows) if (Number(row.n) >= limit.max) atLimit.add(row.recipient_key);
  }
  for (const head of heads) {
    if (!atLimit.has(head.recipientKey) || waits.has(head.id)) continue;
    const until = await earliestAllowed(em, channel, head.recipientKey, limits, now);
    if (until) waits.set(head.id, until);
  }
  return waits;
}
