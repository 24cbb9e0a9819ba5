import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../../shared/clock.js';
import type { ChannelName } from '../inbound-event.js';
import { splitIntoParts } from '../text/message-parts.js';
import { cardOriginalOf, type OutboundContent, type Recipient } from '../outbound.js';
import { OutboxMessage } from './outbox-message.entity.js';
import type { RecipientRouter } from './recipient-router.js';

export interface EnqueueOptions {
  /** A message with this key is written at most once, ever (reminder slots, alerts). */
  dedupeKey?: string;
}

/**
 * Writes messages into the outbox inside the caller's unit of work; they are sent only if
 * that unit commits, and then no matter what happens to the process that wrote them.
 */
export class Outbox {
  constructor(
    private readonly router: RecipientRouter,
    private readonly clock: Clock,
    /** Per channel, the bytes one text may hold (`ChannelAdapter.maxTextBytes`). */
    private readonly maxTextBytes: ReadonlyMap<ChannelName, number> = new Map(),
  ) {}

  /** Returns the rows written; none when the recipient cannot be reached on any channel. */
  async enqueue(
    em: EntityManager,
    recipient: Recipient,
    content: OutboundContent,
    options: EnqueueOptions = {},
  ): Promise<OutboxMessage[]> {
    const addresses = await this.router.resolve(em, recipient);
    const now = this.clock.now();
    return addresses.flatMap((address, i) =>
      inParts(content, this.maxTextBytes.get(address.channel)).map((part, p) =>
        em.create(OutboxMessage, {
          channel: address.channel,
          recipientKey: address.recipientKey,
          personId: address.personId,
          content: part,
          cardRef: cardOriginalOf(content) ?? null,
          dedupeKey:
            options.dedupeKey === undefined
              ? null
              : `${options.dedupeKey}${i === 0 ? '' : `#${i}`}${p === 0 ? '' : `/${p + 1}`}`,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        }),
      ),
    );
  }
}

/** A text or markdown too long for the channel, as the messages it goes out in, in order. */
function inParts(content: OutboundContent, maxBytes: number | undefined): OutboundContent[] {
  if (maxBytes === undefined || (content.kind !== 'text' && content.kind !== 'markdown')) return [content];
  return splitIntoParts(content.text, maxBytes).map((text) => ({ ...content, text }));
}
