import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Clock } from '../../shared/clock.js';
import type { ChannelName } from '../inbound-event.js';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';
import type { Outbox } from '../outbox/outbox.js';
import { CardInstance } from './card-instance.entity.js';
import { issueCard, type CardSpec, type CardSubject } from './issue-card.js';

/**
 * Redraws, in place, every copy of a subject's card that people received: the person's, the
 * team group's, the lead's. Each platform adapter turns the update into its own call.
 */
export async function refreshCards(
  em: EntityManager,
  clock: Clock,
  outbox: Outbox,
  cardType: string,
  subject: CardSubject,
  spec: CardSpec,
): Promise<void> {
  // One query, not two: every 报工 redraws its task's card, so this runs on every report.
  const sql = em as SqlEntityManager;
  const originals = sql
    .createQueryBuilder(CardInstance)
    .select('originalRef')
    .where({ subjectType: subject.type, subjectId: subject.id });
  const sent = await sql
    .createQueryBuilder(OutboxMessage)
    .select('*')
    .where({ cardRef: { $in: originals.getKnexQuery() }, status: 'sent' })
    .orderBy({ id: 'asc' })
    .getResultList();
  const places = new Map(
    sent
      .filter((s) => s.content.kind === 'card')
      .map((s) => [`${s.channel}|${s.recipientKey}|${s.cardRef}`, s]),
  );
  for (const place of places.values()) {
    const card = issueCard(em, clock, cardType, subject, spec, place.cardRef ?? undefined);
    await outbox.enqueue(
      em,
      { kind: 'address', channel: place.channel as ChannelName, recipientKey: place.recipientKey },
      { kind: 'card_update', card },
    );
  }
}
