import type { CardView } from '../../chat/cards/card-view.js';
import type { OutboundContent } from '../../chat/outbound.js';
import type { ImageSink } from './image-files.js';
import { consoleMessages as m } from './messages.js';

/**
 * How a reply looks in a terminal: a card becomes a box with numbered buttons; a picture is
 * saved through `images` (when given) and shown as the path to open.
 */
export function renderAsText(content: OutboundContent, images?: ImageSink): string {
  switch (content.kind) {
    case 'text':
      return content.text;
    case 'markdown':
      return `【${content.title}】\n${content.text}`;
    case 'image':
      return images ? m.imageSaved(images(content)) : m.imageNotSaved(content.title);
    case 'card':
      return renderCard(content.card);
    case 'card_update':
      return `（卡片已更新）\n${renderCard(content.card)}`;
  }
}

function renderCard(card: CardView): string {
  const lines = [`┌ ${card.title}`];
  if (card.subtitle) lines.push(`│ ${card.subtitle}`);
  for (const f of card.fields) lines.push(`│ ${f.label}：${f.value}`);
  for (const s of card.selects) lines.push(`│ ${s.title}：${s.options.map((o) => o.text).join(' / ')}`);
  if (card.closedNote) lines.push(`│ ${card.closedNote}`);
  if (card.buttons.length > 0)
    lines.push(`└ ${card.buttons.map((b, i) => `[${i + 1}] ${b.text}`).join('  ')}`);
  else lines.push('└');
  return lines.join('\n');
}
