import type { CardView } from '../../chat/cards/card-view.js';
import type { OutboundContent } from '../../chat/outbound.js';
import type { ImageSink } from './image-files.js';
import { consoleMessages as m } from './messages.js';

export interface TextRendering {
  /** The number the session gave this card (`#3`). */
  cardNumber?: number | undefined;
  /** Where pictures are saved; without it a picture shows as its title. */
  images?: ImageSink | undefined;
}

/**
 * How a reply looks in a terminal: a card becomes a box, headed by its number, with numbered
 * buttons; a picture is saved through `images` and shown as the path to open.
 */
export function renderAsText(content: OutboundContent, { cardNumber, images }: TextRendering = {}): string {
  switch (content.kind) {
    case 'text':
      return content.text;
    case 'markdown':
      return withTitle(content.title, content.text);
    case 'image':
      return images ? m.imageSaved(images(content)) : m.imageNotSaved(content.title);
    case 'card':
      return renderCard(content.card, cardNumber);
    case 'card_update':
      return `${m.cardUpdated}\n${renderCard(content.card, cardNumber)}`;
  }
}

/** The title is what a platform's notification shows; a text that opens with it needs it once. */
function withTitle(title: string, text: string): string {
  const [firstLine = ''] = text.split('\n', 1);
  return firstLine.includes(title) ? text : `【${title}】\n${text}`;
}

function renderCard(card: CardView, cardNumber: number | undefined): string {
  const lines = [`┌ ${cardNumber === undefined ? '' : `${m.cardNumber(cardNumber)} `}${card.title}`];
  if (card.subtitle) lines.push(`│ ${card.subtitle}`);
  for (const f of card.fields) lines.push(`│ ${f.label}：${f.value}`);
  for (const s of card.selects) lines.push(`│ ${s.title}：${s.options.map((o) => o.text).join(' / ')}`);
  if (card.closedNote) lines.push(`│ ${card.closedNote}`);
  if (card.buttons.length > 0)
    lines.push(`└ ${card.buttons.map((b, i) => `[${i + 1}] ${b.text}`).join('  ')}`);
  else lines.push('└');
  return lines.join('\n');
}
