/**
 * Bodies for `aibot_msg_callback` and `aibot_event_callback` (§11.1; the long connection
 * carries the same JSON, §11.2), made from the frames recorded in test/fixtures/wecom-bot:
 * only ids, the chat, the sender, the text and the time are put in.
 */
import { randomBytes } from 'node:crypto';
import { fixtureJson } from '../../support/fixtures.js';
import type { MediaLink } from './media.js';
import type { EventInput, InboundMsgType, JsonObject, MessageInput } from './types.js';

interface RecordedBody extends JsonObject {
  chatid?: string;
  from: JsonObject & { userid: string };
  text?: { content: string };
  event?: JsonObject;
}

/** The body of a recorded frame, without the fields every push fills in itself. */
function recorded(file: string): { body: RecordedBody; envelope: JsonObject } {
  const { body } = fixtureJson<{ body: RecordedBody }>(`wecom-bot/${file}`);
  const { chatid: _chatid, text: _text, event: _event, ...envelope } = body;
  return { body, envelope };
}

const TEXT_MESSAGE = recorded('msg-callback-text.json');
const ENTER_CHAT = recorded('event-callback-enter-chat.json');
const CARD_EVENT = recorded('event-callback-template-card.json');

export const DEFAULT_USERID = TEXT_MESSAGE.body.from.userid;
export const DEFAULT_GROUP_CHATID = String(CARD_EVENT.body.chatid);
const DEFAULT_TEXT = String(TEXT_MESSAGE.body.text?.content);
const DEFAULT_MEDIA = Buffer.from('fake media bytes');

/** §11.1: in a group the bot only hears text/mixed that @-mention it; 1:1 hears every type. */
const GROUP_MSG_TYPES: readonly InboundMsgType[] = ['text', 'mixed'];

export interface PayloadContext {
  botId: string;
  botName: string;
  nowSeconds: number;
  registerMedia: (bytes: Uint8Array, fileName?: string) => MediaLink;
}

export function newMsgId(): string {
  return randomBytes(16).toString('hex');
}

export function buildMessageBody(input: MessageInput, ctx: PayloadContext): JsonObject {
  const chattype = input.chattype ?? 'single';
  const msgtype = input.msgtype ?? 'text';
  if (chattype === 'group' && !GROUP_MSG_TYPES.includes(msgtype)) {
    throw new Error(
      `fake WeCom bot: §11.1 a group never delivers ${msgtype} to the bot, only @-mention text/mixed`,
    );
  }
  const body: JsonObject = {
    ...TEXT_MESSAGE.envelope,
    msgid: input.msgid ?? newMsgId(),
    aibotid: ctx.botId,
    ...(chattype === 'group' ? { chatid: input.chatid ?? DEFAULT_GROUP_CHATID } : {}),
    chattype,
    from: { ...TEXT_MESSAGE.body.from, userid: input.userid ?? DEFAULT_USERID },
    msgtype,
    ...contentFields(input, msgtype, chattype === 'group', ctx),
    ...(input.quote !== undefined ? { quote: input.quote } : {}),
  };
  // No response_url: the fake serves no such endpoint (a real long-connection frame may carry one).
  // No create_time either: §11.1 lists it for events only (UNCONFIRMED for messages; the SDK marks it optional).
  return { ...body, ...input.extra };
}

function contentFields(
  input: MessageInput,
  msgtype: InboundMsgType,
  inGroup: boolean,
  ctx: PayloadContext,
): JsonObject {
  const text = inGroup
    ? withMention(input.content ?? DEFAULT_TEXT, ctx.botName)
    : (input.content ?? DEFAULT_TEXT);
  const media = (): MediaLink => ctx.registerMedia(input.media ?? DEFAULT_MEDIA, input.fileName);
  switch (msgtype) {
    case 'text':
      return { text: { content: text } };
    case 'voice':
      return { voice: { content: text } };
    case 'image':
      return { image: media() };
    case 'file':
      return { file: media() };
    case 'mixed':
      return {
        mixed: {
          msg_item: [
            { msgtype: 'text', text: { content: text } },
            { msgtype: 'image', image: media() },
          ],
        },
      };
  }
}

/** §11.1: group text includes the "@Bot" mention; WeCom puts it where the member typed it, usually first. */
function withMention(content: string, botName: string): string {
  const mention = `@${botName}`;
  return content.includes(mention) ? content : `${mention} ${content}`;
}

export function buildEventBody(input: EventInput, ctx: PayloadContext): JsonObject {
  const chattype = input.eventtype === 'enter_chat' ? 'single' : (input.chattype ?? 'single');
  // feedback_event has no recording (its fields are UNCONFIRMED): it borrows the enter_chat envelope.
  const recording = input.eventtype === 'template_card_event' ? CARD_EVENT : ENTER_CHAT;
  const body: JsonObject = {
    ...recording.envelope,
    msgid: input.msgid ?? newMsgId(),
    create_time: ctx.nowSeconds,
    aibotid: ctx.botId,
    ...(chattype === 'group' ? { chatid: input.chatid ?? DEFAULT_GROUP_CHATID } : {}),
    chattype,
    // §11.1: from.corpid is absent for bots internal to the corp.
    from: {
      ...recording.body.from,
      userid: input.userid ?? DEFAULT_USERID,
      ...(input.corpid !== undefined ? { corpid: input.corpid } : {}),
    },
    event: eventFields(input),
  };
  return { ...body, ...input.extra };
}

function eventFields(input: EventInput): JsonObject {
  switch (input.eventtype) {
    case 'enter_chat':
      // §11.1: first entry of the day into the 1:1 chat; nothing else in the event.
      return { ...ENTER_CHAT.body.event };
    case 'template_card_event':
      // Flat event_key/task_id as in §11.1 and the SDK's TemplateCardEventData. UNCONFIRMED whether
      // the real frame nests them (and card_type/selected_items) under event.template_card_event.
      return {
        ...CARD_EVENT.body.event,
        event_key: input.eventKey,
        task_id: input.taskId,
        ...(input.cardType !== undefined ? { card_type: input.cardType } : {}),
        ...(input.selectedItems !== undefined ? { selected_items: input.selectedItems } : {}),
      };
    case 'feedback_event':
      // UNCONFIRMED: §11.1 names the event only; the SDK types carry no fields for it.
      return {
        eventtype: 'feedback_event',
        feedback_event: {
          id: input.feedbackId,
          type: input.feedbackType ?? 1,
          ...(input.content !== undefined ? { content: input.content } : {}),
        },
      };
  }
}

/** Pushed to an older connection when a newer one authenticates (the SDK's disconnected_event). */
export function buildDisconnectedBody(ctx: PayloadContext): JsonObject {
  return {
    msgid: newMsgId(),
    create_time: ctx.nowSeconds,
    aibotid: ctx.botId,
    msgtype: 'event',
    event: { eventtype: 'disconnected_event' },
  };
}
