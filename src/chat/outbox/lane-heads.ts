import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { OutboxMessage } from './outbox-message.entity.js';

/** Channels, and on a channel that says so the recipients, one process delivers to. */
export type Reach = Array<{ channel: string; recipientKey?: { $in: string[] } }>;

/** A message may be taken now: queued and due, or claimed by a sender whose lease ran out. */
export function takeableAt(now: Date) {
  return [
    { status: 'pending' as const, nextAttemptAt: { $lte: now } },
    { status: 'sending' as const, leaseUntil: { $lt: now } },
  ];
}

/**
 * The head of every lane (one channel and recipient) that may be taken now. A lane's head is
 * its oldest message neither sent nor dead; only the head may go out, which keeps every
 * recipient's messages in order on any number of dispatchers, while a head that is paced,
 * backing off or in flight holds up its own lane and no other.
 */
export interface LaneHead {
  head: OutboxMessage;
  /** Messages in the lane neither sent nor dead, the head included. */
  queued: number;
}

export async function takeableLaneHeads(em: EntityManager, reach: Reach, now: Date): Promise<LaneHead[]> {
  // The SQL drivers' entity manager; the core type does not expose the query builder.
  const rows = (await (em as SqlEntityManager)
    .createQueryBuilder(OutboxMessage, 'o')
    .select([raw('min(o.id) as head'), raw('count(*) as queued')])
    .where({ status: { $in: ['pending', 'sending'] }, $or: reach })
    .groupBy(['o.channel', 'o.recipientKey'])
    .execute('all', false)) as Array<{ head: unknown; queued: unknown }>;
  const queued = new Map(rows.map((r) => [Number(r.head), Number(r.queued)]));
  const ids = [...queued.keys()];
  const heads: LaneHead[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const found = await em.find(OutboxMessage, { id: { $in: ids.slice(i, i + 1000) }, $or: takeableAt(now) });
    heads.push(...found.map((head) => ({ head, queued: queued.get(head.id) ?? 1 })));
  }
  return heads;
}
