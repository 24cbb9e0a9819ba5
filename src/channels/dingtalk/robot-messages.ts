import type { CardView } from '../../chat/cards/card-view.js';
import { escapeDingtalkMarkdown } from '../../chat/text/markdown-escape.js';
import { cardAsMarkdown } from '../shared/card-markdown.js';
import { dingtalkMessages as m } from './messages.js';

/** §5.2: what groupMessages/send and oToMessages/batchSend carry. */
export interface RobotMessage {
  msgKey: string;
  msgParam: Record<string, string>;
}

/** §5.2: msgParam is at most 15,000 bytes of JSON; leave room for keys and escaping. */
export const MAX_TEXT_BYTES = 12_000;
/** §5.2: an ActionCard's text is shown up to about 500 characters. */
const MAX_ACTION_CARD_CHARS = 500;
/** §5.2: sampleActionCard2…5 carry two to five buttons. */
const MAX_ACTION_CARD_BUTTONS = 5;

export function textMessage(text: string): RobotMessage {
  return { msgKey: 'sampleText', msgParam: { content: fitBytes(text, MAX_TEXT_BYTES) } };
}

export function markdownMessage(title: string, text: string): RobotMessage {
  return { msgKey: 'sampleMarkdown', msgParam: { title, text: fitBytes(text, MAX_TEXT_BYTES) } };
}

export function imageMessage(mediaId: string): RobotMessage {
  return { msgKey: 'sampleImageMsg', msgParam: { photoURL: mediaId } };
}

/**
 * A card where no card template is configured (or the template cannot hold it). ActionCard
 * buttons can only open URLs (§5.2), so each opens a `dtmd://…/sendMessage` link that posts
 * `<button text> #<key>` into the chat as the person's own message, which the receiver turns
 * back into a card action. UNCONFIRMED officially (community practice), and in a group such a
 * message does not @ the bot, so it may never reach us there: prefer a card template.
 */
export function cardMessage(card: CardView): RobotMessage {
  const buttons = card.buttons;
  if (buttons.length === 0 || buttons.length > MAX_ACTION_CARD_BUTTONS) {
    const { title, text } = cardAsMarkdown(card, escapeDingtalkMarkdown, m.buttonHint);
    return markdownMessage(m.cardSummary(title), text);
  }
  const text = cutChars(
    `${cardAsMarkdown(card, escapeDingtalkMarkdown).text}\n\n${m.actionCardFooter}`,
    MAX_ACTION_CARD_CHARS,
  );
  const title = m.cardSummary(card.title);
  const [only] = buttons;
  if (buttons.length === 1 && only !== undefined)
    return {
      msgKey: 'sampleActionCard',
      msgParam: { title, text, singleTitle: only.text, singleURL: buttonUrl(only.text, only.key) },
    };
  const msgParam: Record<string, string> = { title, text };
  buttons.forEach((b, i) => {
    msgParam[`actionTitle${i + 1}`] = b.text;
    msgParam[`actionURL${i + 1}`] = buttonUrl(b.text, b.key);
  });
  return { msgKey: `sampleActionCard${buttons.length}`, msgParam };
}

const BUTTON_REPLY = /^(.*?)\s*#([A-Za-z0-9]{12}\.\d{1,2})$/s;

function buttonUrl(text: string, key: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(`${text} #${key}`)}`;
}

/** The key of an ActionCard button the person tapped, when `text` is what its link posted. */
export function tappedButtonKey(text: string): string | undefined {
  return BUTTON_REPLY.exec(text.trim())?.[2];
}

/** §5.3: a session webhook takes text and markdown for sure; other types are UNCONFIRMED. */
export function sessionBody(message: RobotMessage): Record<string, unknown> | undefined {
  if (message.msgKey === 'sampleText')
    return { msgtype: 'text', text: { content: message.msgParam.content } };
  if (message.msgKey === 'sampleMarkdown')
    return { msgtype: 'markdown', markdown: { title: message.msgParam.title, text: message.msgParam.text } };
  return undefined;
}

function fitBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const chars = [...text];
  let bytes = 0;
  let end = 0;
  while (end < chars.length && bytes + Buffer.byteLength(chars[end] ?? '', 'utf8') <= maxBytes - 3) {
    bytes += Buffer.byteLength(chars[end] ?? '', 'utf8');
    end += 1;
  }
  return `${chars.slice(0, end).join('')}…`;
}

function cutChars(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
