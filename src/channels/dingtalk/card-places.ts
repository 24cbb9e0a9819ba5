import type { EntityManager } from '@mikro-orm/core';
import { OutboxMessage } from '../../chat/outbox/outbox-message.entity.js';

/**
 * Where our template cards are, read from what the outbox sent: a card message records the
 * outTrackId it created in its delivery details, so the outbox is the one record of them.
 */
const CHANNEL = 'dingtalk';

async function sentTo(em: EntityManager, original: string, recipientKey?: string): Promise<OutboxMessage[]> {
  return em.find(
    OutboxMessage,
    { channel: CHANNEL, cardRef: original, status: 'sent', ...(recipientKey ? { recipientKey } : {}) },
    { orderBy: { id: 'desc' } },
  );
}

function outTrackIdOf(message: OutboxMessage): string | undefined {
  const id = message.delivery?.outTrackId;
  return typeof id === 'string' ? id : undefined;
}

/** The outTrackId of the card `original` that `recipientKey` has on screen, if it went out as a template card. */
export async function liveCardOf(
  em: EntityManager,
  recipientKey: string,
  original: string,
): Promise<string | undefined> {
  for (const message of await sentTo(em, original, recipientKey)) {
    const outTrackId = outTrackIdOf(message);
    if (outTrackId !== undefined) return outTrackId;
  }
  return undefined;
}

/** The recipient the card instance `outTrackId` was delivered to. */
export async function placeOfCard(
  em: EntityManager,
  original: string,
  outTrackId: string,
): Promise<string | undefined> {
  return (await sentTo(em, original)).find((m) => outTrackIdOf(m) === outTrackId)?.recipientKey;
}
