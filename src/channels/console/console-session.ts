import { randomUUID } from 'node:crypto';
import type { CardButton, CardView } from '../../chat/cards/card-view.js';
import type { ChatEngine, HandleOutcome } from '../../chat/engine.js';
import type { Conversation, InboundEvent } from '../../chat/inbound-event.js';
import type { OutboundContent } from '../../chat/outbound.js';
import type { Clock } from '../../shared/clock.js';
import { consoleMessages as m } from './messages.js';

/**
 * Which button a line of console input taps: a bare number is a button of the last card shown
 * while the bot's last answer is that card (after a question in words, such as 完工多少件？, the
 * number is the answer); `#3.1`, `#3 1` or `#3 完工` a button of card 3 at any time. The `#` keeps a
 * card tap apart from answers a dialog may expect, such as `1.5` hours or `3 件`.
 */
const LAST_CARD_BUTTON = /^\s*(\d{1,2})\s*$/;
const CARD_BUTTON_BY_NUMBER = /^\s*[#＃]\s*(\d{1,4})\s*(?:[.．]|\s)\s*(\d{1,2})\s*$/;
const CARD_BUTTON_BY_TEXT = /^\s*[#＃]\s*(\d{1,4})\s+(\S.*?)\s*$/;

/**
 * One person talking to the bot through the console: the receiver half of the console
 * channel. Every card it shows — replies and pushes alike — gets a number for the session.
 */
export class ConsoleSession {
  private readonly cards: CardView[] = [];
  private readonly numbers = new WeakMap<OutboundContent, number>();
  /** Whether the last thing shown in this session (an answer or a push) was a card rather than words. */
  private lastAnswerWasCard = false;

  constructor(
    private readonly engine: ChatEngine,
    private readonly clock: Clock,
    readonly personId: string,
    private readonly conversation: Conversation = { kind: 'direct' },
  ) {}

  async say(text: string, platformMessageId: string = randomUUID()): Promise<OutboundContent[]> {
    const last = LAST_CARD_BUTTON.exec(text);
    if (last && this.lastAnswerWasCard) return this.tap(Number(last[1]));
    const byNumber = CARD_BUTTON_BY_NUMBER.exec(text);
    if (byNumber) {
      const n = Number(byNumber[2]);
      return this.tapOnCard(Number(byNumber[1]), (card) => card.buttons[n - 1], m.noSuchButton(n));
    }
    const byText = CARD_BUTTON_BY_TEXT.exec(text);
    if (byText) {
      const [cardNumber, label] = [Number(byText[1]), byText[2] ?? ''];
      return this.tapOnCard(
        cardNumber,
        (card) => buttonCalled(card, label),
        m.noSuchButtonOnCard(cardNumber, label),
      );
    }
    return this.send({ ...this.base(platformMessageId), kind: 'text', text });
  }

  /** Taps button `n` (1-based) of the last card this session saw, or of `card`. */
  async tap(n: number, card: CardView | undefined = this.cards.at(-1)): Promise<OutboundContent[]> {
    return this.press(card?.buttons[n - 1], m.noSuchButton(n));
  }

  private async press(button: CardButton | undefined, missing: string): Promise<OutboundContent[]> {
    if (!button) return [{ kind: 'text', text: missing }];
    return this.send({
      ...this.base(randomUUID()),
      kind: 'card_action',
      actionKey: button.key,
      selections: {},
    });
  }

  /** The session's number for a card shown to this person, given when first seen. */
  number(content: OutboundContent): number | undefined {
    if (content.kind !== 'card' && content.kind !== 'card_update') return undefined;
    this.lastAnswerWasCard = true;
    const known = this.numbers.get(content);
    if (known !== undefined) return known;
    this.cards.push(content.card);
    this.numbers.set(content, this.cards.length);
    return this.cards.length;
  }

  async scan(scannedText: string): Promise<OutboundContent[]> {
    return this.send({ ...this.base(randomUUID()), kind: 'scan', scannedText });
  }

  async deliver(event: InboundEvent): Promise<HandleOutcome> {
    const outcome = await this.engine.handle(event);
    for (const reply of outcome.replies) this.number(reply);
    const lastReply = outcome.replies.at(-1);
    if (lastReply && this.number(lastReply) === undefined) this.lastAnswerWasCard = false;
    return outcome;
  }

  private async tapOnCard(
    cardNumber: number,
    pick: (card: CardView) => CardButton | undefined,
    missing: string,
  ): Promise<OutboundContent[]> {
    const card = this.cards[cardNumber - 1];
    if (!card) return [{ kind: 'text', text: m.noSuchCard(cardNumber) }];
    return this.press(pick(card), missing);
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
}

/** The button named exactly, or the one button whose text starts with the word (`完工` for `完工 39 件`). */
function buttonCalled(card: CardView, label: string): CardButton | undefined {
  const exact = card.buttons.find((b) => b.text === label);
  if (exact) return exact;
  const starting = card.buttons.filter((b) => b.text.startsWith(label));
  return starting.length === 1 ? starting[0] : undefined;
}
