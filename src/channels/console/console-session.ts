import { randomUUID } from 'node:crypto';
import type { CardView } from '../../chat/cards/card-view.js';
import type { ChatEngine, HandleOutcome } from '../../chat/engine.js';
import type { Conversation, InboundEvent } from '../../chat/inbound-event.js';
import type { OutboundContent } from '../../chat/outbound.js';
import type { Clock } from '../../shared/clock.js';

/**
 * One person talking to the bot through the console: the receiver half of the console
 * channel. Typing a number taps that button of the last card shown.
 */
export class ConsoleSession {
  private lastCard: CardView | undefined;

  constructor(
    private readonly engine: ChatEngine,
    private readonly clock: Clock,
    readonly personId: string,
    private readonly conversation: Conversation = { kind: 'direct' },
  ) {}

  async say(text: string, platformMessageId: string = randomUUID()): Promise<OutboundContent[]> {
    const button = /^\s*(\d{1,2})\s*$/.exec(text);
    if (button && this.lastCard) return this.tap(Number(button[1]));
    return this.send({ ...this.base(platformMessageId), kind: 'text', text });
  }

  /** Taps button `n` (1-based) of the last card this session saw. */
  async tap(n: number, card: CardView | undefined = this.lastCard): Promise<OutboundContent[]> {
    const button = card?.buttons[n - 1];
    if (!button) return [{ kind: 'text', text: `没有第 ${n} 个按钮。` }];
    return this.send({
      ...this.base(randomUUID()),
      kind: 'card_action',
      actionKey: button.key,
      selections: {},
    });
  }

  async scan(scannedText: string): Promise<OutboundContent[]> {
    return this.send({ ...this.base(randomUUID()), kind: 'scan', scannedText });
  }

  async deliver(event: InboundEvent): Promise<HandleOutcome> {
    const outcome = await this.engine.handle(event);
    this.remember(outcome.replies);
    return outcome;
  }

  private async send(event: InboundEvent): Promise<OutboundContent[]> {
    return (await this.deliver(event)).replies;
  }

  private base(platformMessageId: string) {
    return {
      channel: 'console' as const,
      platformMessageId,
      senderId: this.personId,
      conversation: this.conversation,
      receivedAt: this.clock.now(),
    };
  }

  private remember(replies: OutboundContent[]): void {
    const cards = replies.filter((r): r is Extract<OutboundContent, { kind: 'card' }> => r.kind === 'card');
    if (cards.length > 0) this.lastCard = cards[cards.length - 1]?.card;
  }
}
