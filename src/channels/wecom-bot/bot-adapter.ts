import type { WSClient } from '@wecom/aibot-node-sdk';
import {
  parseRecipientKey,
  type ChannelAdapter,
  type DeliveryRequest,
  type DeliveryResult,
  type FetchedMedia,
  type RateLimit,
} from '../../chat/channel.js';
import type { MediaRef } from '../../chat/inbound-event.js';
import { escapeWecomMarkdown } from '../../chat/text/markdown-escape.js';
import { downloadBotMedia } from './media-download.js';
import { renderTemplateCard, wecomTaskId } from '../wecom-shared/template-card.js';

/**
 * WeCom publishes no send limit for the intelligent bot (§11.2 UNCONFIRMED); this guess
 * follows the group robot's 20 a minute per chat and can be changed in one place.
 */
export const WECOM_BOT_LIMITS: RateLimit[] = [{ scope: 'recipient', windowMs: 60_000, max: 20 }];

/** What the SDK rejects with: the raw ack frame, not an Error. */
interface AckRefusal {
  errcode?: number;
  errmsg?: string;
}

/**
 * §11.1: markdown content holds 20,480 bytes. A text is escaped after it is cut into parts,
 * and escaping makes a one-byte markup character a three-byte full-width one.
 */
const MAX_TEXT_BYTES = Math.floor(20_480 / 3);

/** The outbound half of the intelligent bot: proactive `aibot_send_msg` to a person or a group. */
export class WecomBotAdapter implements ChannelAdapter {
  readonly name = 'wecom-bot' as const;
  readonly limits = WECOM_BOT_LIMITS;
  readonly maxTextBytes = MAX_TEXT_BYTES;

  constructor(
    private readonly client: () => WSClient,
    private readonly openUrl: string,
  ) {}

  /**
   * Nobody while the long connection is not open here — on a stand-by instance (another holds
   * the connection lease) or while it reopens: the outbox leaves the messages queued for the
   * instance that is connected instead of spending their attempts on this one.
   */
  recipientKeys(): readonly string[] | undefined {
    return this.client().isConnected ? undefined : [];
  }

  /** A plain GET of the message's url, decrypted with its key: no connection needed. */
  fetchMedia(ref: MediaRef, limits: { maxBytes: number }): Promise<FetchedMedia> {
    return downloadBotMedia(ref, limits.maxBytes);
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryResult> {
    const to = parseRecipientKey(request.recipientKey);
    const chatid = to.kind === 'group' ? to.chatId : to.userId;
    const content = request.content;
    let body: Parameters<WSClient['sendMessage']>[1];
    switch (content.kind) {
      case 'text':
        // The bot has no plain text message: a text goes out as markdown, so it is escaped.
        body = { msgtype: 'markdown', markdown: { content: escapeWecomMarkdown(content.text) } };
        break;
      case 'markdown':
        body = { msgtype: 'markdown', markdown: { content: content.text } };
        break;
      case 'image':
        // aibot_send_msg carries markdown and template cards only (§11.2): the chart stays behind.
        body = { msgtype: 'markdown', markdown: { content: `**${content.title}**（图表请在应用中查看）` } };
        break;
      case 'card': {
        const taskId = wecomTaskId(content.card.original, request.messageId);
        body = {
          msgtype: 'template_card',
          template_card: renderTemplateCard(content.card, { taskId, openUrl: this.openUrl }) as never,
        };
        break;
      }
      case 'card_update':
        // The bot can redraw a card only in answer to a click on it (aibot_respond_update_msg);
        // that is done when the click arrives. A proactive redraw would post a second card.
        return { ok: true, details: { skipped: 'bot cards are redrawn when they are clicked' } };
    }
    const client = this.client();
    if (!client.isConnected)
      return { ok: false, retryable: true, error: 'long connection not open', retryAfterMs: 5_000 };
    try {
      await client.sendMessage(chatid, body);
      return { ok: true };
    } catch (error) {
      const refusal = error as AckRefusal;
      const errcode = typeof refusal.errcode === 'number' ? refusal.errcode : -1;
      const message = `${errcode} ${refusal.errmsg ?? (error instanceof Error ? error.message : String(error))}`;
      const retryable = errcode === -1 || errcode === 45009 || errcode === 45033;
      return { ok: false, retryable, error: message, ...(errcode === 45009 ? { retryAfterMs: 60_000 } : {}) };
    }
  }
}
