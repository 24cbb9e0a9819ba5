import type { DWClientDownStream } from 'dingtalk-stream';
import { groupRecipientKey, parseRecipientKey } from '../../chat/channel.js';
import { newestRedraw } from '../../chat/cards/card-deliveries.js';
import { CardInstance } from '../../chat/cards/card-instance.entity.js';
import { parseButtonKey } from '../../chat/cards/issue-card.js';
import { inboundBoundsProblem } from '../../chat/inbound-bounds.js';
import type { Conversation, InboundEvent } from '../../chat/inbound-event.js';
import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { ChannelContext } from '../channel-module.js';
import type { AcknowledgedCards } from './acknowledged-cards.js';
import { placeOfCard } from './card-places.js';
import { actionKeyOf, fitsTemplate, templateParams } from './card-template.js';
import { isRecord } from './platform-answers.js';
import type { FrameAnswer } from './stream-receiver.js';

/** §4.2: the fields of a card action we read. */
interface CardCallbackPayload {
  outTrackId?: string;
  userId?: string;
  spaceType?: string;
  spaceId?: string;
  content?: string;
  value?: string;
}

export interface CardInboundDeps {
  handle: ChannelContext['handle'];
  orm: Orm;
  clock: Clock;
  logger: Logger;
  acknowledged: AcknowledgedCards;
}

/**
 * A tap on one of our template cards. The engine acts on it (once per frame messageId), and
 * the ACK carries the card as it should look now (§4.2), so the person who tapped sees the
 * change at once, without waiting for the outbox's PUT — which is then skipped.
 */
export class CardInbound {
  constructor(private readonly deps: CardInboundDeps) {}

  receive = async (frame: DWClientDownStream): Promise<FrameAnswer> => {
    const payload = parseData(frame.data);
    const actionKey = payload && (actionKeyOf(payload.content) ?? actionKeyOf(payload.value));
    const { outTrackId, userId } = payload ?? {};
    if (actionKey === undefined || outTrackId === undefined || userId === undefined) {
      this.deps.logger.warn({ outTrackId }, 'DingTalk card callback without an action we know; ignored');
      return { response: null };
    }
    const em = this.deps.orm.em.fork();
    const key = parseButtonKey(actionKey);
    const original = key && (await em.findOne(CardInstance, key.ref))?.originalRef;
    const place =
      (original && (await placeOfCard(em, original, outTrackId))) ?? placeFromSpace(payload ?? {});
    const event: InboundEvent = {
      channel: 'dingtalk',
      platformMessageId: frame.headers.messageId,
      senderId: userId,
      conversation: conversationOf(place),
      receivedAt: this.deps.clock.now(),
      kind: 'card_action',
      actionKey,
      selections: {},
    };
    const problem = inboundBoundsProblem(event);
    if (problem !== undefined) {
      this.deps.logger.warn(
        { outTrackId: outTrackId.slice(0, 200), problem },
        'DingTalk card callback refused',
      );
      return { response: null };
    }
    await this.deps.handle(event, { repliesThroughOutbox: true });
    if (!original) return { response: null };
    const redraw = await newestRedraw(this.deps.orm.em.fork(), 'dingtalk', place, original);
    if (redraw === undefined || !fitsTemplate(redraw.card)) return { response: null };
    return {
      response: {
        cardData: { cardParamMap: templateParams(redraw.card) },
        cardUpdateOptions: { updateCardDataByKey: true },
      },
      afterAck: () => this.deps.acknowledged.note(outTrackId, redraw.messageId),
    };
  };
}

function parseData(data: string): CardCallbackPayload | undefined {
  try {
    const parsed = JSON.parse(data) as unknown;
    return isRecord(parsed) ? (parsed as CardCallbackPayload) : undefined;
  } catch {
    return undefined;
  }
}

/** For a card we have no record of sending: UNCONFIRMED that spaceId is the group's conversationId. */
function placeFromSpace(payload: CardCallbackPayload): string {
  return payload.spaceType === 'IM_GROUP' && payload.spaceId
    ? groupRecipientKey(payload.spaceId)
    : (payload.userId ?? '');
}

function conversationOf(recipientKey: string): Conversation {
  const target = parseRecipientKey(recipientKey);
  return target.kind === 'group' ? { kind: 'group', chatId: target.chatId } : { kind: 'direct' };
}
