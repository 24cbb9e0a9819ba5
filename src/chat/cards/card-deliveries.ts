import type { EntityManager } from '@mikro-orm/core';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';
import type { CardView } from './card-view.js';

export interface CardDelivery {
  recipientKey: string;
  /** What the adapter recorded when it sent the card (WeCom msgid/response_code, …). */
  details: Record<string, unknown>;
}

/** Where a card went on one channel, for adapters that must address an update per recipient. */
export async function cardDeliveries(
  em: EntityManager,
  channel: string,
  original: string,
): Promise<CardDelivery[]> {
  const rows = await em.find(
    OutboxMessage,
    { channel, cardRef: original, status: 'sent', content: { kind: 'card' } as never },
    { orderBy: { id: 'asc' } },
  );
  return rows.map((r) => ({ recipientKey: r.recipientKey, details: r.delivery ?? {} }));
}

/**
 * The newest redraw of the card in one place, sent or still waiting: what it should show now.
 * Not only the waiting ones: the dispatcher may already have taken a redraw that only the
 * adapter can deliver (in answer to the click), and the click must still find it.
 */
export async function newestRedraw(
  em: EntityManager,
  channel: string,
  recipientKey: string,
  original: string,
): Promise<{ messageId: number; card: CardView } | undefined> {
  const [message] = await em.find(
    OutboxMessage,
    {
      channel,
      recipientKey,
      cardRef: original,
      status: { $ne: 'dead' },
      content: { kind: 'card_update' } as never,
    },
    { orderBy: { id: 'desc' }, limit: 1 },
  );
  if (message === undefined || message.content.kind !== 'card_update') return undefined;
  return { messageId: message.id, card: message.content.card };
}
