import type { CardView } from './cards/card-view.js';
import type { ChannelName } from './inbound-event.js';

/** What the bot says, before any platform has shaped it. */
export type OutboundContent =
  | { kind: 'text'; text: string }
  | { kind: 'markdown'; title: string; text: string }
  | { kind: 'card'; card: CardView }
  /** Redraws, where the platform allows, the card `card.original` that people already have. */
  | { kind: 'card_update'; card: CardView }
  | { kind: 'image'; title: string; png: string /* base64 */ };

/** Who a push goes to. A person is reached on whichever channel knows them. */
export type Recipient =
  | { kind: 'person'; personId: string }
  | { kind: 'group'; channel: ChannelName; chatId: string }
  | { kind: 'team'; teamId: string }
  /** A platform address as the platform named it: the sender being answered, a card's earlier recipient. */
  | { kind: 'address'; channel: ChannelName; recipientKey: string };

export const text = (value: string): OutboundContent => ({ kind: 'text', text: value });

/** The original card ref a message carries, if it is a card or a card update. */
export function cardOriginalOf(content: OutboundContent): string | undefined {
  return content.kind === 'card' || content.kind === 'card_update' ? content.card.original : undefined;
}
