/**
 * Body checks for what the bot sends. Each returns a refusal, or undefined when the body passes.
 * Only the hard limits are checked (§7: suggested text lengths are display hints, not errors).
 */
import { ERRCODE, isJsonObject, refuse, utf8Bytes, type Verdict } from './protocol.js';
import type { JsonObject } from './types.js';

/** §11.1: markdown / stream content ≤ 20480 bytes. */
export const MAX_CONTENT_BYTES = 20480;
const MAX_STREAM_IMAGES = 10;
const MAX_TASK_ID_BYTES = 128;
const TASK_ID_CHARS = /^[0-9a-zA-Z_\-@]+$/;
const CARD_TYPES = new Set([
  'text_notice',
  'news_notice',
  'button_interaction',
  'vote_interaction',
  'multiple_interaction',
]);
const INTERACTIVE_CARD_TYPES = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);

const invalid = (errmsg: string): Verdict => refuse(ERRCODE.invalidParameter, errmsg);

/** §7: a task_id is unique per bot forever, so the book never forgets one. */
export class TaskIdBook {
  private readonly used = new Set<string>();

  has(taskId: string): boolean {
    return this.used.has(taskId);
  }

  /** Records the task_id of a card the fake accepted; card updates reuse theirs and are not claimed. */
  claimCardOf(body: JsonObject): void {
    const card = body.template_card;
    if (isJsonObject(card) && typeof card.task_id === 'string') this.used.add(card.task_id);
  }
}

type CardMode = { kind: 'new' } | { kind: 'update'; taskId: string };

export function checkSendMsg(body: unknown, book: TaskIdBook): Verdict | undefined {
  if (!isJsonObject(body)) return invalid('body must be an object');
  if (typeof body.chatid !== 'string' || body.chatid === '') return invalid('chatid is required');
  if (body.msgtype === 'markdown') {
    const markdown = body.markdown;
    return isJsonObject(markdown)
      ? checkContent(markdown.content, 'markdown.content')
      : invalid('markdown missing');
  }
  if (body.msgtype === 'template_card') return checkTemplateCard(body.template_card, book, { kind: 'new' });
  // §11.2 lists markdown|template_card; the SDK can also send uploaded media, which the fake does not model.
  return invalid(`msgtype ${String(body.msgtype)} not accepted (markdown|template_card)`);
}

/** aibot_respond_msg: stream, template_card or stream_with_template_card (SDK reply helpers). */
export function checkRespondMsg(
  body: unknown,
  book: TaskIdBook,
  cardAlreadySent: boolean,
): Verdict | undefined {
  if (!isJsonObject(body)) return invalid('body must be an object');
  const hasCard = body.template_card !== undefined;
  // SDK docs: "template_card 同一消息只能回复一次" — one card per inbound message.
  if (hasCard && cardAlreadySent) return invalid('a template_card was already sent for this req_id');
  switch (body.msgtype) {
    case 'stream':
      return checkStream(body.stream);
    case 'template_card':
      return checkTemplateCard(body.template_card, book, { kind: 'new' });
    case 'stream_with_template_card':
      return (
        checkStream(body.stream) ??
        (hasCard ? checkTemplateCard(body.template_card, book, { kind: 'new' }) : undefined)
      );
    default:
      return invalid(
        `msgtype ${String(body.msgtype)} not accepted (stream|template_card|stream_with_template_card)`,
      );
  }
}

export function checkWelcome(body: unknown, book: TaskIdBook): Verdict | undefined {
  if (!isJsonObject(body)) return invalid('body must be an object');
  if (body.msgtype === 'text') {
    const text = body.text;
    return isJsonObject(text) ? checkContent(text.content, 'text.content') : invalid('text missing');
  }
  if (body.msgtype === 'template_card') return checkTemplateCard(body.template_card, book, { kind: 'new' });
  return invalid(`welcome msgtype ${String(body.msgtype)} not accepted (text|template_card)`);
}

/** §11.1: the update's task_id must match the card that was clicked. */
export function checkCardUpdate(body: unknown, clickedTaskId: string): Verdict | undefined {
  if (!isJsonObject(body)) return invalid('body must be an object');
  if (body.response_type !== 'update_template_card')
    return invalid('response_type must be update_template_card');
  const userids = body.userids;
  if (userids !== undefined && !(Array.isArray(userids) && userids.every((id) => typeof id === 'string'))) {
    return invalid('userids must be a list of strings');
  }
  return checkTemplateCard(body.template_card, new TaskIdBook(), { kind: 'update', taskId: clickedTaskId });
}

function checkContent(content: unknown, field: string): Verdict | undefined {
  if (typeof content !== 'string' || content === '') return invalid(`${field} is required`);
  const bytes = utf8Bytes(content);
  if (bytes > MAX_CONTENT_BYTES) {
    return refuse(ERRCODE.contentTooLong, `${field} is ${bytes} bytes, limit ${MAX_CONTENT_BYTES}`);
  }
  return undefined;
}

function checkStream(stream: unknown): Verdict | undefined {
  if (!isJsonObject(stream)) return invalid('stream missing');
  if (typeof stream.id !== 'string' || stream.id === '') return invalid('stream.id is required');
  if (stream.content !== undefined && stream.content !== '') {
    const problem = checkContent(stream.content, 'stream.content');
    if (problem) return problem;
  }
  const items = stream.msg_item;
  if (items === undefined) return undefined;
  if (stream.finish !== true) return invalid('stream.msg_item only allowed with finish=true');
  if (!Array.isArray(items) || items.length > MAX_STREAM_IMAGES)
    return invalid('stream.msg_item: at most 10 items');
  return undefined;
}

/** §7 basics: known card_type, text_notice has a title, task_id rules. */
function checkTemplateCard(card: unknown, book: TaskIdBook, mode: CardMode): Verdict | undefined {
  if (!isJsonObject(card)) return invalid('template_card must be an object');
  const cardType = card.card_type;
  if (typeof cardType !== 'string' || !CARD_TYPES.has(cardType))
    return invalid(`unknown card_type ${String(cardType)}`);
  if (cardType === 'text_notice' && !hasTitle(card))
    return invalid('text_notice needs main_title.title or sub_title_text');
  const taskId = card.task_id;
  if (taskId === undefined) {
    if (mode.kind === 'update') return invalid('a card update must carry the clicked task_id');
    const needsTaskId = INTERACTIVE_CARD_TYPES.has(cardType) || card.action_menu !== undefined;
    return needsTaskId ? invalid(`${cardType} needs a task_id`) : undefined;
  }
  if (typeof taskId !== 'string' || !TASK_ID_CHARS.test(taskId) || utf8Bytes(taskId) > MAX_TASK_ID_BYTES) {
    return invalid('task_id must be 1..128 bytes of [0-9a-zA-Z_-@]');
  }
  if (mode.kind === 'update') {
    return taskId === mode.taskId
      ? undefined
      : invalid(`task_id ${taskId} is not the clicked card ${mode.taskId}`);
  }
  return book.has(taskId) ? refuse(ERRCODE.duplicateTaskId, `task_id ${taskId} already used`) : undefined;
}

function hasTitle(card: JsonObject): boolean {
  const mainTitle = card.main_title;
  const title = isJsonObject(mainTitle) ? mainTitle.title : undefined;
  return (
    (typeof title === 'string' && title !== '') ||
    (typeof card.sub_title_text === 'string' && card.sub_title_text !== '')
  );
}
