import { randomBytes } from 'node:crypto';
import { WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import { newestRedraw } from '../../chat/cards/card-deliveries.js';
import { parseButtonKey } from '../../chat/cards/issue-card.js';
import { CardInstance } from '../../chat/cards/card-instance.entity.js';
import type { CardView } from '../../chat/cards/card-view.js';
import { groupRecipientKey } from '../../chat/channel.js';
import type { InboundEvent } from '../../chat/inbound-event.js';
import type { OutboundContent } from '../../chat/outbound.js';
import { OutboxMessage } from '../../chat/outbox/outbox-message.entity.js';
import { escapeWecomMarkdown } from '../../chat/text/markdown-escape.js';
import type { WecomBotSettings } from '../../config/env.js';
import type { ChannelContext } from '../channel-module.js';
import { renderTemplateCard, wecomTaskId } from '../wecom-shared/template-card.js';
import { mapBotCardClick, mapBotEnter, mapBotMessage, type BotMessageBody } from './inbound-mapping.js';

type Frame = WsFrame<BotMessageBody> & { body: BotMessageBody };

/** Frames without a body (acks) carry nothing to act on. */
const withBody = (frame: WsFrame<unknown>): Frame | undefined => (frame.body ? (frame as Frame) : undefined);

/**
 * The long connection of the intelligent bot: the SDK subscribes, keeps alive and reconnects
 * with back-off; each frame becomes an event for the chat engine, and the answer goes back on
 * the same req_id within the 5 s WeCom allows (§11.2).
 */
export class BotReceiver {
  readonly client: WSClient;
  private connectedSince: number | undefined;

  constructor(
    private readonly ctx: ChannelContext,
    settings: WecomBotSettings,
    private readonly openUrl: string,
  ) {
    const log = ctx.logger.child({ channel: 'wecom-bot' });
    this.client = new WSClient({
      botId: settings.botId,
      secret: settings.secret,
      wsUrl: settings.wsUrl,
      reconnectInterval: settings.reconnectIntervalMs,
      maxReconnectAttempts: -1,
      logger: {
        debug: () => undefined,
        info: (message: string) => log.debug(message),
        warn: (message: string) => log.warn(message),
        error: (message: string) => log.error(message),
      },
    });
    this.client.on('authenticated', () => (this.connectedSince = Date.now()));
    this.client.on('disconnected', () => (this.connectedSince = undefined));
    this.client.on('message', (frame) => void this.guard(() => this.onMessage(withBody(frame))));
    this.client.on('event.enter_chat', (frame) => void this.guard(() => this.onEnter(withBody(frame))));
    this.client.on(
      'event.template_card_event',
      (frame) => void this.guard(() => this.onCardClick(withBody(frame))),
    );
  }

  get connected(): boolean {
    return this.client.isConnected && this.connectedSince !== undefined;
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.ctx.logger.error({ err: error, channel: 'wecom-bot' }, 'wecom bot frame failed');
    }
  }

  /**
   * The engine stores the event before handling it and the reply on the req_id is the only
   * acknowledgement; a frame whose handling fails gets none. Whether WeCom redelivers such a
   * frame is not documented (protocols/wecom.md §11.2, unconfirmed): the resume job answers
   * a stored, unhandled event through the outbox.
   */
  private async onMessage(frame: Frame | undefined): Promise<void> {
    if (!frame) return;
    const event = mapBotMessage(frame.body, this.ctx.clock.now());
    if (!event) return;
    await this.answer(frame, event);
  }

  private async onEnter(frame: Frame | undefined): Promise<void> {
    if (!frame) return;
    const event = mapBotEnter(frame.body, this.ctx.clock.now());
    const { replies, duplicate } = await this.ctx.handle(event, {
      repliesThroughOutbox: (r) => r.some((x) => x.kind !== 'text'),
    });
    const text = replies
      .filter((r) => r.kind === 'text')
      .map((r) => (r.kind === 'text' ? r.text : ''))
      .join('\n');
    if (text !== '' && !duplicate)
      await this.client.replyWelcome(frame, { msgtype: 'text', text: { content: text } });
  }

  /**
   * Texts go back as one finished stream on the frame's req_id; the first card rides along
   * (WeCom takes one card per message), further cards are pushed through the outbox.
   */
  private async answer(frame: Frame, event: InboundEvent): Promise<void> {
    const { replies } = await this.ctx.handle(event);
    const texts = replies.flatMap((r) =>
      r.kind === 'text' ? [escapeWecomMarkdown(r.text)] : r.kind === 'markdown' ? [r.text] : [],
    );
    const cards = replies.flatMap((r) => (r.kind === 'card' ? [r.card] : []));
    const [first, ...rest] = cards;
    const templateCard = first
      ? renderTemplateCard(first, {
          taskId: wecomTaskId(first.original, randomBytes(4).toString('hex')),
          openUrl: this.openUrl,
        })
      : undefined;
    // The rest is queued first, so it is in the outbox by the time the answer arrives.
    const more = rest.map((card): OutboundContent => ({ kind: 'card', card }));
    if (more.length > 0) await this.ctx.enqueue(this.replyAddress(event), more);
    const streamId = randomBytes(8).toString('hex');
    const withCard = templateCard ? { templateCard: templateCard as never } : {};
    if (texts.length > 0)
      await this.client.replyStreamWithCard(frame, streamId, texts.join('\n\n'), true, withCard);
    else if (templateCard) await this.client.replyTemplateCard(frame, templateCard as never);
    if (first && templateCard)
      await this.recordRepliedCard(
        this.replyAddress(event).recipientKey,
        first,
        String(templateCard.task_id),
      );
  }

  /**
   * A card that went out as an answer is recorded as a delivered outbox message, like any
   * other card, so that a later change to its task finds where it is shown and redraws it.
   */
  private async recordRepliedCard(recipientKey: string, card: CardView, taskId: string): Promise<void> {
    const now = this.ctx.clock.now();
    await this.ctx.orm.em.fork().insert(OutboxMessage, {
      channel: 'wecom-bot',
      recipientKey,
      personId: null,
      content: { kind: 'card', card },
      cardRef: card.original,
      dedupeKey: null,
      status: 'sent',
      attempts: 1,
      nextAttemptAt: now,
      createdAt: now,
      sentAt: now,
      delivery: { via: 'reply', task_id: taskId },
    });
  }

  /**
   * A click: the engine acts and redraws the task's cards into the outbox; the copy in this
   * chat is redrawn right here with aibot_respond_update_msg, the one way the bot may edit a
   * card, and that outbox row is marked as delivered.
   */
  private async onCardClick(frame: Frame | undefined): Promise<void> {
    if (!frame) return;
    const key = frame.body.event?.event_key ?? '';
    const taskId = frame.body.event?.task_id ?? '';
    const event = mapBotCardClick(frame.body, this.ctx.clock.now());
    // The answer text goes through the outbox in the click's own transaction: once, even if
    // WeCom delivers the click again.
    const { duplicate } = await this.ctx.handle(event, { repliesThroughOutbox: true });
    const redraw = duplicate ? undefined : await this.takeRedraw(key, this.replyAddress(event).recipientKey);
    if (redraw)
      await this.client.updateTemplateCard(
        frame,
        renderTemplateCard(redraw, { taskId, openUrl: this.openUrl }) as never,
      );
  }

  /**
   * The card's newest redraw in this chat, its waiting rows marked as delivered by this answer.
   * The outbox dispatcher may have taken them already (it skips bot redraws), so they are
   * looked up whatever their state.
   */
  private async takeRedraw(buttonKey: string, recipientKey: string): Promise<CardView | undefined> {
    const parsed = parseButtonKey(buttonKey);
    if (!parsed) return undefined;
    const em = this.ctx.orm.em.fork();
    const clicked = await em.findOne(CardInstance, parsed.ref);
    if (!clicked) return undefined;
    const redraw = await newestRedraw(em, 'wecom-bot', recipientKey, clicked.originalRef);
    if (!redraw) return undefined;
    await em.nativeUpdate(
      OutboxMessage,
      {
        channel: 'wecom-bot',
        recipientKey,
        cardRef: clicked.originalRef,
        status: 'pending',
        id: { $lte: redraw.messageId },
        content: { kind: 'card_update' } as never,
      },
      { status: 'sent', sentAt: this.ctx.clock.now(), delivery: { via: 'respond_update', recipientKey } },
    );
    return redraw.card;
  }

  private replyAddress(event: InboundEvent): { kind: 'address'; channel: 'wecom-bot'; recipientKey: string } {
    const recipientKey =
      event.conversation.kind === 'group' ? groupRecipientKey(event.conversation.chatId) : event.senderId;
    return { kind: 'address', channel: 'wecom-bot', recipientKey };
  }
}
