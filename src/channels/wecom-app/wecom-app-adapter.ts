import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { cardDeliveries } from '../../chat/cards/card-deliveries.js';
import type { CardView } from '../../chat/cards/card-view.js';
import {
  parseRecipientKey,
  type ChannelAdapter,
  type DeliveryRequest,
  type DeliveryResult,
  type FetchedMedia,
  type RateLimit,
} from '../../chat/channel.js';
import type { MediaRef } from '../../chat/inbound-event.js';
import type { OutboundContent } from '../../chat/outbound.js';
import { OutboxMessage } from '../../chat/outbox/outbox-message.entity.js';
import { escapeWecomMarkdown } from '../../chat/text/markdown-escape.js';
import { cardAsMarkdown } from '../shared/card-markdown.js';
import { renderTemplateCard, wecomTaskId } from '../wecom-shared/template-card.js';
import type { WecomAnswer, WecomApiClient } from './api-client.js';
import { CONFIG_ERRORS, deliveryOutcome } from './delivery-outcome.js';
import { WecomDuplicateCheck } from './duplicate-check.js';
import { wecomAppMessages as m } from './messages.js';

/**
 * WeCom drops messages over these limits silently while answering ok (§2), so the outbox
 * must stay under them: 30/min and 1000/h from one app to one member; 200/min to a member
 * through an app group (we pace per group, the stricter reading); 20/min per group robot.
 */
export const WECOM_APP_LIMITS: RateLimit[] = [
  { scope: 'recipient', appliesTo: 'person', windowMs: 60_000, max: 30 },
  { scope: 'recipient', appliesTo: 'person', windowMs: 3_600_000, max: 1000 },
  { scope: 'recipient', appliesTo: 'group', windowMs: 60_000, max: 200 },
  { scope: 'recipient', appliesTo: 'robot', windowMs: 60_000, max: 20 },
];

/** §5.1 and §6.1: a text, a markdown and a passive reply's Content hold 2,048 bytes each. */
export const WECOM_TEXT_BYTES = 2048;

/** task_id already used (§5, template cards). */
const TASK_ID_TAKEN = 42014;

export interface WecomAppAdapterOptions {
  client: WecomApiClient;
  /** For reading where a card went when redrawing it. */
  em: () => EntityManager;
  /** Where a card with nothing to tap leads (WeCom requires a link on such cards). */
  openUrl: string;
}

/** The outbound half of the WeCom self-built app: people by message/send, groups by appchat, robots by webhook. */
export class WecomAppAdapter implements ChannelAdapter {
  readonly name = 'wecom-app' as const;
  readonly limits = WECOM_APP_LIMITS;
  readonly maxTextBytes = WECOM_TEXT_BYTES;
  private readonly duplicateCheck: WecomDuplicateCheck;

  constructor(private readonly options: WecomAppAdapterOptions) {
    this.duplicateCheck = new WecomDuplicateCheck(options.em);
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryResult> {
    const to = parseRecipientKey(request.recipientKey);
    if (request.recipientKey.startsWith('robot:'))
      return this.toRobot(request.recipientKey.slice('robot:'.length), request.content);
    if (to.kind === 'group') return this.toGroup(to.chatId, request.content);
    return this.toPerson(to.userId, request);
  }

  /** An image message's `MediaId`, pulled with `media/get` while its three days last. */
  fetchMedia(ref: MediaRef, limits: { maxBytes: number }): Promise<FetchedMedia> {
    return this.options.client.downloadMedia(ref.mediaId, limits.maxBytes);
  }

  async duplicateCheckWindowMs(request: DeliveryRequest): Promise<number | undefined> {
    return this.duplicateCheck.windowMs(request);
  }

  private async toPerson(userId: string, request: DeliveryRequest): Promise<DeliveryResult> {
    const { client } = this.options;
    const content = request.content;
    const check = await this.duplicateCheck.fields(request);
    const send = (body: Record<string, unknown>) =>
      client.post('/cgi-bin/message/send', { touser: userId, agentid: client.agentId, ...body, ...check });
    switch (content.kind) {
      case 'text':
        return this.outcome(await send({ msgtype: 'text', text: { content: content.text } }));
      case 'markdown':
        return this.outcome(await send({ msgtype: 'markdown', markdown: { content: content.text } }));
      case 'image': {
        const mediaId = await this.uploadImage(content.png);
        if (typeof mediaId !== 'string') return this.outcome(mediaId);
        return this.outcome(await send({ msgtype: 'image', image: { media_id: mediaId } }));
      }
      case 'card':
        return this.sendCard(userId, content.card, request, check);
      case 'card_update':
        return this.updateCard(userId, content.card, request);
    }
  }

  private async sendCard(
    userId: string,
    card: CardView,
    request: DeliveryRequest,
    check: Record<string, number>,
  ): Promise<DeliveryResult> {
    const taskId = wecomTaskId(card.original, request.messageId);
    const templateCard = renderTemplateCard(card, { taskId, openUrl: this.options.openUrl });
    const answer = await this.options.client.post('/cgi-bin/message/send', {
      touser: userId,
      agentid: this.options.client.agentId,
      msgtype: 'template_card',
      template_card: templateCard,
      ...check,
    });
    // Should WeCom check the task_id before the duplicate (UNCONFIRMED which comes first), a
    // resend of this very message meets its own task_id: an earlier attempt was delivered.
    if (answer.errcode === TASK_ID_TAKEN && request.attempt > 1)
      return { ok: true, details: { task_id: taskId, resent: 'task_id already used by an earlier attempt' } };
    return this.outcome(answer, {
      msgid: answer.msgid,
      task_id: taskId,
      response_code: answer.response_code,
    });
  }

  /**
   * A response_code updates one card once (§6.3). The unused code of the last copy we sent
   * this person is spent on the update; without one, the redrawn card is sent afresh.
   */
  private async updateCard(
    userId: string,
    card: CardView,
    request: DeliveryRequest,
  ): Promise<DeliveryResult> {
    const { messageId } = request;
    const em = this.options.em();
    const sent = (await cardDeliveries(em, this.name, card.original)).filter(
      (d) => d.recipientKey === userId,
    );
    const used = await usedResponseCodes(em, userId, card.original);
    const code = sent
      .map((d) => d.details.response_code)
      .filter((c): c is string => typeof c === 'string' && !used.has(c))
      .at(-1);
    if (code === undefined) return this.sendCard(userId, card, request, {});
    const taskId = String(sent.at(-1)?.details.task_id ?? wecomTaskId(card.original, messageId));
    const answer = await this.options.client.post('/cgi-bin/message/update_template_card', {
      userids: [userId],
      agentid: this.options.client.agentId,
      response_code: code,
      template_card: renderTemplateCard(card, { taskId, openUrl: this.options.openUrl }),
    });
    return this.outcome(answer, { used_response_code: code, task_id: taskId });
  }

  /** appchat cannot carry template cards (§6.2): a group sees the card as markdown. */
  private async toGroup(chatId: string, content: OutboundContent): Promise<DeliveryResult> {
    const { client } = this.options;
    const send = (body: Record<string, unknown>) =>
      client.post('/cgi-bin/appchat/send', { chatid: chatId, ...body });
    switch (content.kind) {
      case 'text':
        return this.outcome(await send({ msgtype: 'text', text: { content: content.text } }));
      case 'markdown':
        return this.outcome(await send({ msgtype: 'markdown', markdown: { content: content.text } }));
      case 'card':
        return this.outcome(
          await send({
            msgtype: 'markdown',
            markdown: { content: cardAsMarkdown(content.card, escapeWecomMarkdown, m.groupButtonHint).text },
          }),
        );
      case 'card_update':
        // A group's markdown copy cannot be edited; the next card drawn there carries the news.
        return { ok: true, details: { skipped: 'appchat messages cannot be updated' } };
      case 'image': {
        const mediaId = await this.uploadImage(content.png);
        if (typeof mediaId !== 'string') return this.outcome(mediaId);
        return this.outcome(await send({ msgtype: 'image', image: { media_id: mediaId } }));
      }
    }
  }

  private async toRobot(key: string, content: OutboundContent): Promise<DeliveryResult> {
    const { client } = this.options;
    switch (content.kind) {
      case 'text':
        return this.outcome(await client.webhook(key, { msgtype: 'text', text: { content: content.text } }));
      case 'markdown':
        return this.outcome(
          await client.webhook(key, { msgtype: 'markdown', markdown: { content: content.text } }),
        );
      case 'card':
      case 'card_update':
        return this.outcome(
          await client.webhook(key, {
            msgtype: 'markdown',
            markdown: { content: cardAsMarkdown(content.card, escapeWecomMarkdown).text },
          }),
        );
      case 'image': {
        const bytes = Buffer.from(content.png, 'base64');
        const md5 = createHash('md5').update(bytes).digest('hex');
        return this.outcome(
          await client.webhook(key, { msgtype: 'image', image: { base64: content.png, md5 } }),
        );
      }
    }
  }

  private async uploadImage(pngBase64: string): Promise<string | WecomAnswer> {
    const answer = await this.options.client.upload(
      'image',
      'chart.png',
      Buffer.from(pngBase64, 'base64'),
      'image/png',
    );
    return answer.errcode === 0 && typeof answer.media_id === 'string' ? answer.media_id : answer;
  }

  private outcome(answer: WecomAnswer, details: Record<string, unknown> = {}): DeliveryResult {
    const result = deliveryOutcome(answer, {
      ...details,
      ...(answer.invaliduser ? { invaliduser: answer.invaliduser } : {}),
    });
    if (CONFIG_ERRORS.has(answer.errcode)) this.options.client.reportConfigError(answer, 'send');
    return result;
  }
}

async function usedResponseCodes(em: EntityManager, userId: string, original: string): Promise<Set<string>> {
  const updates = await em.find(OutboxMessage, {
    channel: 'wecom-app',
    recipientKey: userId,
    cardRef: original,
    status: 'sent',
  });
  return new Set(
    updates.map((u) => u.delivery?.used_response_code).filter((c): c is string => typeof c === 'string'),
  );
}
