import type { CardView } from '../../chat/cards/card-view.js';

/**
 * A card for places that cannot show interactive cards (WeCom appchat groups, DingTalk
 * without a card template): the same content, with the buttons spelled out as commands.
 * A card's words are plain text (people's words among them), so each is escaped for the
 * platform's markdown dialect.
 */
export function cardAsMarkdown(
  card: CardView,
  escape: (text: string) => string,
  buttonHint?: (text: string) => string,
): { title: string; text: string } {
  const lines = [`**${escape(card.title)}**`];
  if (card.subtitle) lines.push(escape(card.subtitle));
  lines.push('');
  for (const f of card.fields) lines.push(`> ${escape(f.label)}：${escape(f.value)}`);
  if (card.closedNote) lines.push('', escape(card.closedNote));
  if (buttonHint && card.buttons.length > 0)
    lines.push('', card.buttons.map((b) => buttonHint(b.text)).join('　'));
  return { title: card.title, text: lines.join('\n') };
}
