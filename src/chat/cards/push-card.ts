import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../../shared/clock.js';
import type { Recipient } from '../outbound.js';
import type { Outbox } from '../outbox/outbox.js';
import { issueCard, type CardSpec, type CardSubject } from './issue-card.js';

/** Draws one card and pushes it to each recipient; a later redraw reaches every copy. */
export async function pushCard(
  em: EntityManager,
  clock: Clock,
  outbox: Outbox,
  recipients: readonly Recipient[],
  cardType: string,
  subject: CardSubject,
  spec: CardSpec,
): Promise<void> {
  const card = issueCard(em, clock, cardType, subject, spec);
  for (const recipient of recipients) await outbox.enqueue(em, recipient, { kind: 'card', card });
}
