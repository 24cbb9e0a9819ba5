import { assertBoundedInbound } from '../../chat/inbound-bounds.js';
import type { InboundEvent } from '../../chat/inbound-event.js';

/** The parts of an intelligent-bot callback body we read (protocols/wecom.md §11.1). */
export interface BotMessageBody {
  msgid: string;
  chatid?: string;
  chattype: 'single' | 'group';
  from: { userid: string };
  msgtype: string;
  text?: { content?: string };
  voice?: { content?: string };
  mixed?: { msg_item?: Array<{ msgtype: string; text?: { content?: string } }> };
  /** §4 of wecom-media.md: a 5-minute encrypted url and its own key (long-connection mode). */
  image?: { url?: string; aeskey?: string };
  event?: { eventtype?: string; event_key?: string; task_id?: string };
}

/**
 * A group text arrives with the "@机器人" mention in front (§11.1); the command starts after
 * it. Only mentions at the very start are the bot's: "@张伟" later in the text is an argument.
 */
export function stripLeadingMentions(text: string): string {
  return text.replace(/^(\s*@\S+\s+)+/, '').trim();
}

export function botConversation(body: BotMessageBody): InboundEvent['conversation'] {
  return body.chattype === 'group' && body.chatid
    ? { kind: 'group', chatId: body.chatid }
    : { kind: 'direct' };
}

function baseOf(body: BotMessageBody, receivedAt: Date) {
  return {
    channel: 'wecom-bot' as const,
    platformMessageId: body.msgid,
    senderId: body.from.userid,
    conversation: botConversation(body),
    receivedAt,
  };
}

/**
 * A message as a channel-neutral event; the msgid makes a redelivered frame harmless. Ids longer
 * than their columns throw OversizedInboundError: the frame is logged and dropped, not recorded.
 */
export function mapBotMessage(body: BotMessageBody, receivedAt: Date): InboundEvent | undefined {
  const event = messageEvent(body, receivedAt);
  return event && assertBoundedInbound(event);
}

export function mapBotEnter(body: BotMessageBody, receivedAt: Date): InboundEvent {
  return assertBoundedInbound({ ...baseOf(body, receivedAt), kind: 'enter' });
}

export function mapBotCardClick(body: BotMessageBody, receivedAt: Date): InboundEvent {
  const actionKey = body.event?.event_key ?? '';
  return assertBoundedInbound({
    ...baseOf(body, receivedAt),
    kind: 'card_action',
    actionKey,
    selections: {},
  });
}

function messageEvent(body: BotMessageBody, receivedAt: Date): InboundEvent | undefined {
  const base = baseOf(body, receivedAt);
  const group = body.chattype === 'group';
  const clean = (t: string) => (group ? stripLeadingMentions(t) : t.trim());
  switch (body.msgtype) {
    case 'text':
      return { ...base, kind: 'text', text: clean(body.text?.content ?? '') };
    case 'voice':
      // Speech arrives already turned into text by WeCom.
      return { ...base, kind: 'text', text: clean(body.voice?.content ?? '') };
    case 'mixed': {
      const text = (body.mixed?.msg_item ?? [])
        .flatMap((i) => (i.msgtype === 'text' ? [i.text?.content ?? ''] : []))
        .join(' ');
      return { ...base, kind: 'text', text: clean(text) };
    }
    case 'image':
      return {
        ...base,
        kind: 'image',
        mediaId: body.image?.url ?? '',
        ...(body.image?.aeskey ? { aesKey: body.image.aeskey } : {}),
      };
    default:
      return undefined;
  }
}
