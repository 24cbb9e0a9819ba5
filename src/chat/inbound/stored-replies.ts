import { redactLinkTokens } from '../../shared/link-tokens.js';
import type { InboundEvent } from '../inbound-event.js';
import type { OutboundContent } from '../outbound.js';

/** A reply as `inbound_events` keeps it: with every link token replaced by a marker. */
export function sealedForStorage(replies: OutboundContent[]): OutboundContent[] {
  return replies.map((reply) => {
    switch (reply.kind) {
      case 'text':
      case 'markdown':
        return { ...reply, text: redactLinkTokens(reply.text) };
      case 'card':
      case 'card_update':
        return {
          ...reply,
          card: JSON.parse(redactLinkTokens(JSON.stringify(reply.card))) as typeof reply.card,
        };
      case 'image':
        return reply;
    }
  });
}

/**
 * Platforms redeliver a message they saw no answer to within seconds (WeCom retries three
 * times over about 15 s), and a redelivery is answered with the stored reply. Stored replies
 * have their link tokens sealed, so for a while this process keeps the live reply of each
 * message whose reply held a link: a retry then still carries a working link. After that
 * window, or on another instance, the retry gets the sealed reply and the link must be made
 * again; nobody is waiting on that answer any more.
 */
export class RecentLiveReplies {
  private readonly live = new Map<string, { replies: OutboundContent[]; until: number }>();

  constructor(private readonly windowMs = 10 * 60_000) {}

  remember(event: InboundEvent, replies: OutboundContent[], now: Date): void {
    for (const [key, entry] of this.live) if (entry.until <= now.getTime()) this.live.delete(key);
    if (JSON.stringify(sealedForStorage(replies)) === JSON.stringify(replies)) return;
    this.live.set(keyOf(event), { replies, until: now.getTime() + this.windowMs });
  }

  recall(event: InboundEvent, now: Date): OutboundContent[] | undefined {
    const entry = this.live.get(keyOf(event));
    return entry && entry.until > now.getTime() ? entry.replies : undefined;
  }
}

const keyOf = (event: InboundEvent) => `${event.channel}\u0000${event.platformMessageId}`;
