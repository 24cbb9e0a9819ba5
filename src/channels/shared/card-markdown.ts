import type { CardView } from '../../chat/cards/card-view.js';

/**
 * A card for places that cannot show interactive cards (WeCom appchat groups, DingTalk
 * without a card template): the same content, with the buttons spelled out as commands.
 */
export function cardAsMarkdown(
  card: CardView,
  buttonHint?: (text: string) => string,
): { title: string; text: string } {
  const lines = [`**${card.title}**`];
  if (card.subtitle) lines.push(card.subtitle);
  lines.push('');
  for (const f of card.fields) lines.push(`> ${f.label}：${f.value}`);
  if (card.closedNote) lines.push('', card.closedNote);
  if (buttonHint && card.buttons.length > 0)
    lines.push('', card.buttons.map((b) => buttonHint(b.text)).join('　'));
  return { title: card.title, text: lines.join('\n') };
}
