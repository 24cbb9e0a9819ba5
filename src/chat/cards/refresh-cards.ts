import type { EntityManager } from '@mikro-orm/core';
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
  const instances = await em.find(CardInstance, { subjectType: subject.type, subjectId: subject.id });
  const originals = [...new Set(instances.map((i) => i.originalRef))];
  if (originals.length === 0) return;
  const sent = await em.find(
    OutboxMessage,
    { cardRef: { $in: originals }, status: 'sent' },
    { orderBy: { id: 'asc' } },
  );
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
