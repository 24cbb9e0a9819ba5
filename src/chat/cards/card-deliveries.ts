import type { EntityManager } from '@mikro-orm/core';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';

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
