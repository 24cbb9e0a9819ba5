import { createHash } from 'node:crypto';
import type { CardButton, CardView } from '../../chat/cards/card-view.js';
import { escapeDingtalkMarkdown } from '../../chat/text/markdown-escape.js';

/**
 * A CardView as the variables of our DingTalk card template (cards/dingtalk-task-card.json).
 * §5.4: every value of a cardParamMap is a string. The template shows `title`, `subtitle`,
 * `fields` (markdown), `note`, and up to three buttons that each send back
 * `{"actionKey": "${buttonNKey}"}` in their callback params (§4.2); a button with empty text
 * is hidden.
 */
export type CardParamMap = Record<string, string>;

export const TEMPLATE_BUTTON_SLOTS = 3;

/** Builder colour names of the template's buttons (from exported templates; UNCONFIRMED beyond these three). */
const BUTTON_COLOUR: Record<CardButton['style'], string> = {
  primary: 'blue',
  default: 'gray',
  danger: 'red',
};

/** The variable names the template declares, in its order: the adapter sends exactly these. */
export const TEMPLATE_VARIABLES: readonly string[] = [
  'lastMessage',
  'title',
  'subtitle',
  'fields',
  'note',
  ...Array.from({ length: TEMPLATE_BUTTON_SLOTS }, (_, i) => [
    `button${i + 1}Text`,
    `button${i + 1}Key`,
    `button${i + 1}Style`,
  ]).flat(),
];

/** Cards with selects or more buttons than slots go out in the markdown / ActionCard form instead. */
export function fitsTemplate(card: CardView): boolean {
  return card.selects.length === 0 && card.buttons.length <= TEMPLATE_BUTTON_SLOTS;
}

export function templateParams(card: CardView): CardParamMap {
  const params: CardParamMap = {
    lastMessage: card.title,
    title: card.title,
    subtitle: card.subtitle ?? '',
    fields: card.fields
      .map((f) => `**${escapeDingtalkMarkdown(f.label)}**：${escapeDingtalkMarkdown(f.value)}`)
      .join('\n'),
    note: card.closedNote ?? '',
  };
  for (let i = 0; i < TEMPLATE_BUTTON_SLOTS; i += 1) {
    const button = card.buttons[i];
    params[`button${i + 1}Text`] = button?.text ?? '';
    params[`button${i + 1}Key`] = button?.key ?? '';
    params[`button${i + 1}Style`] = button ? BUTTON_COLOUR[button.style] : '';
  }
  return params;
}

/**
 * The card instance id in one chat: the card's `original` ref (stable across redraws, so an
 * update reaches the card people already have) plus a digest of where it went, because one
 * card may be sent to several people and DingTalk wants an outTrackId used once.
 */
export function outTrackIdFor(cardRef: string, recipientKey: string): string {
  return `${cardRef}-${createHash('sha256').update(recipientKey).digest('hex').slice(0, 16)}`;
}

/** The action key a template button sent back (§4.2: `content` = `{"cardPrivateData":{actionIds, params}}`). */
export function actionKeyOf(content: unknown): string | undefined {
  if (typeof content !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  const privateData = (parsed as { cardPrivateData?: { params?: unknown; actionIds?: unknown } } | null)
    ?.cardPrivateData;
  const params = privateData?.params as Record<string, unknown> | undefined;
  if (typeof params?.actionKey === 'string') return params.actionKey;
  // A template whose buttons carry the key as their action id instead of a param works too.
  const [first] = Array.isArray(privateData?.actionIds) ? (privateData.actionIds as unknown[]) : [];
  return typeof first === 'string' ? first : undefined;
}
