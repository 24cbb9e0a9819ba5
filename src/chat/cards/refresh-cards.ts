import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Clock } from '../../shared/clock.js';
import type { ChannelName } from '../inbound-event.js';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';
import type { Outbox } from '../outbox/outbox.js';
import { CardInstance } from './card-instance.entity.js';
import { issueCard, type CardSpec, type CardSubject } from './issue-card.js';

/** A subject whose card is redrawn, and what the card shows now. */
export interface CardRedraw {
  subject: CardSubject;
  spec: CardSpec;
}

/**
 * Redraws, in place, every copy of a subject's card that people received: the person's, the
 * team group's, the lead's. Each platform adapter turns the update into its own call.
 */
export function refreshCards(
  em: EntityManager,
  clock: Clock,
  outbox: Outbox,
  cardType: string,
  subject: CardSubject,
  spec: CardSpec,
): Promise<void> {
  return refreshEachCard(em, clock, outbox, cardType, [{ subject, spec }]);
}

/**
 * refreshCards for several subjects of one type (a 报工 redraws its operation and the next),
 * found in one query: every 报工 runs this.
 */
export async function refreshEachCard(
  em: EntityManager,
  clock: Clock,
  outbox: Outbox,
  cardType: string,
  redraws: readonly CardRedraw[],
): Promise<void> {
  const first = redraws[0];
  if (!first) return;
  const bySubject = new Map(redraws.map((r) => [r.subject.id, r]));
  for (const place of await placesOf(em, first.subject.type, [...bySubject.keys()])) {
    const redraw = bySubject.get(place.subjectId);
    if (!redraw) continue;
    const card = issueCard(em, clock, cardType, redraw.subject, redraw.spec, place.cardRef);
    await outbox.enqueue(
      em,
      { kind: 'address', channel: place.channel as ChannelName, recipientKey: place.recipientKey },
      { kind: 'card_update', card },
    );
  }
}

interface CardPlace {
  subjectId: string;
  channel: string;
  recipientKey: string;
  cardRef: string;
}

/**
 * Where the subjects' cards went: each (channel, recipient, original card) once, in the order
 * they were first sent. The original card's instance (its ref is the original's) names its
 * subject. An update is only ever sent where its card was, so an update that was delivered
 * marks a place as well as the card itself.
 */
async function placesOf(em: EntityManager, subjectType: string, subjectIds: string[]): Promise<CardPlace[]> {
  const sql = em as SqlEntityManager;
  const query = sql
    .getKnex()
    .select({
      subjectId: 'c.subject_id',
      channel: 'o.channel',
      recipientKey: 'o.recipient_key',
      cardRef: 'o.card_ref',
    })
    .from({ o: OutboxMessage.meta.tableName })
    .join({ c: CardInstance.meta.tableName }, 'c.id', 'o.card_ref')
    .where({ 'o.status': 'sent', 'c.subject_type': subjectType })
    .whereIn('c.subject_id', subjectIds)
    .groupBy('c.subject_id', 'o.channel', 'o.recipient_key', 'o.card_ref')
    .orderByRaw('min(o.id)');
  return sql.getConnection().execute<CardPlace[]>(query, [], 'all', sql.getTransactionContext());
}
