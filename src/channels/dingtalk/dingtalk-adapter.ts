import type {
  ChannelAdapter,
  DeliveryRequest,
  DeliveryResult,
  FetchedMedia,
  RateLimit,
} from '../../chat/channel.js';
import type { MediaRef } from '../../chat/inbound-event.js';
import { parseRecipientKey } from '../../chat/channel.js';
import type { CardView } from '../../chat/cards/card-view.js';
import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { AcknowledgedCards } from './acknowledged-cards.js';
import type { DingtalkApi } from './api-client.js';
import { liveCardOf } from './card-places.js';
import { downloadRobotMedia } from './media-download.js';
import { fitsTemplate, outTrackIdFor, templateParams } from './card-template.js';
import { deliveryFailure, FLOW_CONTROL_RETRY_MS } from './platform-answers.js';
import {
  cardMessage,
  imageMessage,
  markdownMessage,
  MAX_TEXT_BYTES,
  sessionBody,
  textMessage,
  type RobotMessage,
} from './robot-messages.js';
import type { SessionWebhooks } from './session-webhooks.js';

export interface DingtalkAdapterDeps {
  api: DingtalkApi;
  sessions: SessionWebhooks;
  acknowledged: AcknowledgedCards;
  orm: Orm;
  clock: Clock;
  logger: Logger;
  robotCode: string;
  /** factory.yaml `dingtalk.cardTemplateId`; without it cards go out as ActionCards / markdown. */
  cardTemplateId: string | undefined;
}

/**
 * The outbound half of the DingTalk channel. A reply goes through the conversation's session
 * webhook while it lives (no token, outside the monthly quota), else through the robot API;
 * cards go through the interactive-card API when a template is configured.
 *
 * DingTalk's robot send APIs have no duplicate check (none found in protocols/dingtalk.md), so
 * this adapter offers the outbox no duplicateCheckWindowMs: a send whose process died before
 * its answer was recorded is never sent again but goes to an admin as a dead letter. A call
 * that times out is still reported as 'unavailable' and retried, which may repeat a message
 * DingTalk did accept.
 */
export class DingtalkAdapter implements ChannelAdapter {
  readonly name = 'dingtalk' as const;
  readonly maxTextBytes = MAX_TEXT_BYTES;
  readonly limits: RateLimit[] = [
    // §5.3 UNCONFIRMED: a session webhook is assumed to share the custom robot's 20 a minute per chat.
    { scope: 'recipient', windowMs: 60_000, max: 20 },
    // §6: 20 calls a second per API per app (standard edition); counted over all APIs, to be safe.
    { scope: 'channel', windowMs: 1_000, max: 20 },
  ];

  constructor(private readonly deps: DingtalkAdapterDeps) {}

  fetchMedia(ref: MediaRef, limits: { maxBytes: number }): Promise<FetchedMedia> {
    return downloadRobotMedia(this.deps.api, this.deps.robotCode, ref, limits.maxBytes);
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryResult> {
    const { content, recipientKey } = request;
    switch (content.kind) {
      case 'text':
        return this.say(recipientKey, textMessage(content.text));
      case 'markdown':
        return this.say(recipientKey, markdownMessage(content.title, content.text));
      case 'image':
        return this.sendImage(recipientKey, content.png);
      case 'card':
        return this.sendCard(recipientKey, content.card, content.card.original);
      case 'card_update':
        return this.updateCard(request.messageId, recipientKey, content.card);
    }
  }

  private async say(recipientKey: string, message: RobotMessage): Promise<DeliveryResult> {
    const body = sessionBody(message);
    const session = body && this.deps.sessions.usable(recipientKey, this.deps.clock.now().getTime());
    if (body === undefined || session === undefined) return this.sendRobotMessage(recipientKey, message);
    const outcome = await this.deps.api.postToSession(session.url, body);
    if (outcome.kind === 'ok') return { ok: true, details: { via: 'sessionWebhook' } };
    // 5xx: not posted, retry later; no answer: perhaps posted. Either way, the robot API now could say it twice.
    if (outcome.kind === 'unavailable' || outcome.kind === 'no_answer') return deliveryFailure(outcome);
    // An errcode means nothing was posted (expired, throttled): the API can still say it now.
    if (outcome.kind === 'refused') this.deps.sessions.forget(recipientKey, session.url);
    this.deps.logger.info(
      { recipientKey, error: outcome.error },
      'session webhook refused; using the robot API',
    );
    return this.sendRobotMessage(recipientKey, message);
  }

  /** §5.2: into a group with groupMessages/send, to a person with oToMessages/batchSend. */
  private async sendRobotMessage(recipientKey: string, message: RobotMessage): Promise<DeliveryResult> {
    const target = parseRecipientKey(recipientKey);
    const common = {
      robotCode: this.deps.robotCode,
      msgKey: message.msgKey,
      msgParam: JSON.stringify(message.msgParam),
    };
    if (target.kind === 'group') {
      const outcome = await this.deps.api.call({
        host: 'api',
        method: 'POST',
        path: '/v1.0/robot/groupMessages/send',
        json: { ...common, openConversationId: target.chatId },
        metered: true,
      });
      if (outcome.kind !== 'ok') return deliveryFailure(outcome);
      return { ok: true, details: { via: 'groupMessages', processQueryKey: outcome.body.processQueryKey } };
    }
    const outcome = await this.deps.api.call({
      host: 'api',
      method: 'POST',
      path: '/v1.0/robot/oToMessages/batchSend',
      json: { ...common, userIds: [target.userId] },
      metered: true,
    });
    if (outcome.kind !== 'ok') return deliveryFailure(outcome);
    const listed = (key: string) => {
      const list = outcome.body[key];
      return Array.isArray(list) && list.includes(target.userId);
    };
    if (listed('invalidStaffIdList'))
      return { ok: false, retryable: false, error: `${target.userId} is not a staffId of this organisation` };
    // §5.2: a flow-controlled recipient got nothing this time.
    if (listed('flowControlledStaffIdList'))
      return {
        ok: false,
        retryable: true,
        error: `DingTalk flow-controlled ${target.userId}`,
        retryAfterMs: FLOW_CONTROL_RETRY_MS,
      };
    return { ok: true, details: { via: 'oToMessages', processQueryKey: outcome.body.processQueryKey } };
  }

  /** §5.2: pictures are uploaded (old API) and sent by media id. */
  private async sendImage(recipientKey: string, png: string): Promise<DeliveryResult> {
    const form = new FormData();
    form.set('type', 'image');
    form.set('media', new Blob([Buffer.from(png, 'base64')], { type: 'image/png' }), 'chart.png');
    const outcome = await this.deps.api.call({
      host: 'oapi',
      method: 'POST',
      path: '/media/upload',
      form,
      metered: true,
    });
    if (outcome.kind !== 'ok') return deliveryFailure(outcome);
    const mediaId = outcome.body.media_id;
    if (typeof mediaId !== 'string')
      return { ok: false, retryable: true, error: 'media/upload answered without a media_id' };
    return this.sendRobotMessage(recipientKey, imageMessage(mediaId));
  }

  /** §5.4: createAndDeliver with an outTrackId derived from the card's stable ref. */
  private async sendCard(recipientKey: string, card: CardView, cardRef: string): Promise<DeliveryResult> {
    const templateId = this.deps.cardTemplateId;
    if (templateId === undefined || !fitsTemplate(card)) return this.say(recipientKey, cardMessage(card));
    const outTrackId = outTrackIdFor(cardRef, recipientKey);
    const outcome = await this.deps.api.call({
      host: 'api',
      method: 'POST',
      path: '/v1.0/card/instances/createAndDeliver',
      json: {
        cardTemplateId: templateId,
        outTrackId,
        callbackType: 'STREAM',
        cardData: { cardParamMap: templateParams(card) },
        userIdType: 1,
        ...this.space(recipientKey),
      },
      metered: true,
    });
    if (outcome.kind !== 'ok') return deliveryFailure(outcome);
    if (outcome.body.success === false)
      return {
        ok: false,
        retryable: false,
        error: `createAndDeliver failed: ${JSON.stringify(outcome.body)}`,
      };
    return { ok: true, details: { outTrackId } };
  }

  /** §5.4 openSpaceId and models; forwarding is off, a forwarded card would act from a place we do not know. */
  private space(recipientKey: string): Record<string, unknown> {
    const target = parseRecipientKey(recipientKey);
    if (target.kind === 'group')
      return {
        openSpaceId: `dtv1.card//IM_GROUP.${target.chatId}`,
        imGroupOpenSpaceModel: { supportForward: false },
        imGroupOpenDeliverModel: { robotCode: this.deps.robotCode },
      };
    return {
      openSpaceId: `dtv1.card//IM_ROBOT.${target.userId}`,
      imRobotOpenSpaceModel: { supportForward: false },
      // UNCONFIRMED whether robotCode is needed here; the brief lists only spaceType.
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: this.deps.robotCode },
    };
  }

  private async updateCard(messageId: number, recipientKey: string, card: CardView): Promise<DeliveryResult> {
    if (this.deps.cardTemplateId === undefined) return this.redrawWithoutTemplate(recipientKey, card);
    const outTrackId = await liveCardOf(this.deps.orm.em.fork(), recipientKey, card.original);
    // Sent before a template was configured (or never as a template card): this redraw starts one.
    if (outTrackId === undefined) return this.sendCard(recipientKey, card, card.ref);
    if (this.deps.acknowledged.covers(outTrackId, messageId))
      return { ok: true, details: { outTrackId, updatedBy: 'callback' } };
    if (!fitsTemplate(card)) {
      this.deps.logger.warn({ ref: card.ref }, 'card redraw does not fit the DingTalk template; sent anew');
      return this.say(recipientKey, cardMessage(card));
    }
    const outcome = await this.deps.api.call({
      host: 'api',
      method: 'PUT',
      path: '/v1.0/card/instances',
      json: {
        outTrackId,
        cardData: { cardParamMap: templateParams(card) },
        cardUpdateOptions: { updateCardDataByKey: true },
        userIdType: 1,
      },
      metered: true,
    });
    if (outcome.kind !== 'ok') return deliveryFailure(outcome);
    return { ok: true, details: { outTrackId } };
  }

  /**
   * An ActionCard cannot change once sent. The person it was for gets the redraw as a new
   * message (its buttons are the ones that now work); a group is spared a new card for every
   * change, and a tap on the old one is answered with the card's current state by the core.
   */
  private redrawWithoutTemplate(
    recipientKey: string,
    card: CardView,
  ): Promise<DeliveryResult> | DeliveryResult {
    if (parseRecipientKey(recipientKey).kind === 'group')
      return { ok: true, details: { skipped: 'no card template: group cards are not redrawn' } };
    return this.say(recipientKey, cardMessage(card));
  }
}
