import type { DWClientDownStream } from 'dingtalk-stream';
import { groupRecipientKey } from '../../chat/channel.js';
import { inboundBoundsProblem } from '../../chat/inbound-bounds.js';
import type { Conversation, InboundEvent } from '../../chat/inbound-event.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { ChannelContext } from '../channel-module.js';
import { isRecord } from './platform-answers.js';
import { tappedButtonKey } from './robot-messages.js';
import type { SessionWebhooks } from './session-webhooks.js';
import type { FrameAnswer } from './stream-receiver.js';

/** §4.1: the fields of a robot message we read; everything is optional until checked. */
interface RobotMessagePayload {
  conversationId?: string;
  conversationType?: string;
  conversationTitle?: string;
  msgId?: string;
  msgtype?: string;
  text?: { content?: string };
  content?: Record<string, unknown>;
  senderId?: string;
  senderStaffId?: string;
  isInAtList?: boolean;
  atUsers?: Array<{ dingtalkId?: string; staffId?: string }>;
  robotCode?: string;
  sessionWebhook?: string;
  sessionWebhookExpiredTime?: number;
}

export interface RobotInboundDeps {
  handle: ChannelContext['handle'];
  sessions: SessionWebhooks;
  clock: Clock;
  logger: Logger;
  robotCode: string;
}

/**
 * A robot message (1:1, or a group message that @s the bot) becomes an InboundEvent for the
 * engine. Its replies go into the outbox in the same transaction that records it, so the
 * frame can be acknowledged as soon as `handle` returns; its session webhook is remembered
 * for those replies.
 */
export class RobotInbound {
  constructor(private readonly deps: RobotInboundDeps) {}

  receive = async (frame: DWClientDownStream): Promise<FrameAnswer> => {
    const payload = parseData(frame.data);
    const event = payload && this.toEvent(payload, frame.headers.messageId);
    const problem =
      payload === undefined
        ? 'not a JSON object'
        : event === undefined
          ? 'no sender'
          : inboundBoundsProblem(event);
    if (payload === undefined || event === undefined || problem !== undefined) {
      // Nothing we can act on; acknowledged, since delivering it again would not change that.
      this.deps.logger.warn(
        { data: frame.data.slice(0, 200), problem },
        'DingTalk robot message we cannot use; ignored',
      );
      return { response: null };
    }
    if (payload.robotCode !== undefined && payload.robotCode !== this.deps.robotCode)
      this.deps.logger.warn(
        { robotCode: payload.robotCode },
        'robot message for another robotCode than DINGTALK_ROBOT_CODE',
      );
    const { sessionWebhook, sessionWebhookExpiredTime } = payload;
    if (typeof sessionWebhook === 'string' && typeof sessionWebhookExpiredTime === 'number')
      this.deps.sessions.remember(replyAddress(event), sessionWebhook, sessionWebhookExpiredTime);
    await this.deps.handle(event, { repliesThroughOutbox: true });
    return { response: null };
  };

  private toEvent(payload: RobotMessagePayload, messageId: string): InboundEvent | undefined {
    const senderId = payload.senderStaffId ?? payload.senderId;
    if (senderId === undefined) return undefined;
    const conversation: Conversation =
      payload.conversationType === '2' && payload.conversationId !== undefined
        ? {
            kind: 'group',
            chatId: payload.conversationId,
            ...(payload.conversationTitle ? { title: payload.conversationTitle } : {}),
          }
        : { kind: 'direct' };
    // §2.5: msgId names the message itself, so a re-push under a new frame messageId is still a duplicate.
    const base = {
      channel: 'dingtalk' as const,
      platformMessageId: payload.msgId ?? messageId,
      senderId,
      conversation,
      receivedAt: this.deps.clock.now(),
    };
    const text = textOf(payload);
    // In a group a photo arrives as richText (an @ and a picture, dingtalk-media.md §6): with no
    // words beside it, it is the photo that was sent.
    const richPicture = text === '' ? richTextPictureOf(payload) : undefined;
    if (richPicture !== undefined) return { ...base, kind: 'image', mediaId: richPicture };
    if (text !== undefined) {
      const key = tappedButtonKey(text);
      return key === undefined
        ? { ...base, kind: 'text', text }
        : { ...base, kind: 'card_action', actionKey: key, selections: {} };
    }
    const picture = payload.content?.downloadCode ?? payload.content?.pictureDownloadCode;
    if (payload.msgtype === 'picture' && typeof picture === 'string')
      return { ...base, kind: 'image', mediaId: picture };
    // Files, videos, stickers…: no command reads them, but the sender should hear how to ask.
    return { ...base, kind: 'text', text: '' };
  }
}

function parseData(data: string): RobotMessagePayload | undefined {
  try {
    const parsed = JSON.parse(data) as unknown;
    return isRecord(parsed) ? (parsed as RobotMessagePayload) : undefined;
  } catch {
    return undefined;
  }
}

/** Where the engine addresses replies to this event: the group, or the sender in 1:1. */
function replyAddress(event: InboundEvent): string {
  return event.conversation.kind === 'group' ? groupRecipientKey(event.conversation.chatId) : event.senderId;
}

/** The first picture of a richText message: its `downloadCode` (the official SDK's `get_image_list`). */
function richTextPictureOf(payload: RobotMessagePayload): string | undefined {
  const parts = payload.msgtype === 'richText' ? payload.content?.richText : undefined;
  if (!Array.isArray(parts)) return undefined;
  const picture = parts.find((p: unknown) => isRecord(p) && typeof p.downloadCode === 'string') as
    { downloadCode: string } | undefined;
  return picture?.downloadCode;
}

function textOf(payload: RobotMessagePayload): string | undefined {
  switch (payload.msgtype) {
    case 'text':
      return withoutBotMention(payload.text?.content ?? '', payload);
    case 'richText': {
      const parts = payload.content?.richText;
      if (!Array.isArray(parts)) return undefined;
      const text = parts
        .map((p: unknown) => (isRecord(p) && typeof p.text === 'string' ? p.text : ''))
        .join('');
      return withoutBotMention(text, payload);
    }
    case 'audio': {
      // §4.1: DingTalk's own speech recognition of a voice message.
      const recognition = payload.content?.recognition;
      return typeof recognition === 'string' ? recognition.trim() : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * §4.1: DingTalk usually removes the bot's @name and leaves a space; some clients keep it in
 * the text (UNCONFIRMED). A leading @word is the bot's only when the text has more @words than
 * the message mentions people (atUsers with a staffId): `@刘洋 …` addressed to the bot stays.
 */
function withoutBotMention(text: string, payload: RobotMessagePayload): string {
  const trimmed = text.trim();
  if (!payload.isInAtList || !trimmed.startsWith('@')) return trimmed;
  const mentionedPeople = (payload.atUsers ?? []).filter((u) => u.staffId !== undefined).length;
  const atWords = trimmed.match(/(^|\s)@\S+/g)?.length ?? 0;
  return atWords > mentionedPeople ? trimmed.replace(/^@\S+\s*/, '') : trimmed;
}
