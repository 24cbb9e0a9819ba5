import type { CardView } from '../../chat/cards/card-view.js';
import { assertValidTemplateCard } from './template-card-schema.js';

/**
 * WeCom's `template_card` JSON (protocols/wecom.md §7), the same for the self-built app's
 * message/send and the intelligent bot. Text lengths there are display suggestions, so long
 * values are cut to fit instead of refused; keys, ids and counts are hard limits and checked.
 */
export type TemplateCard = Record<string, unknown> & { card_type: string; task_id?: string };

export interface RenderOptions {
  /** Unique forever per app ([0-9a-zA-Z_-@], ≤128 bytes); WeCom answers 42014 on reuse. */
  taskId: string;
  /** Where a card with nothing to tap leads when opened (text_notice requires card_action). */
  openUrl: string;
  sourceDesc?: string;
}

const MAX_FIELDS = 6;
const MAX_BUTTONS = 6;
const MAX_SELECTS = 3;
const MAX_OPTIONS = 10;

// WeCom documents styles 1..4 by colour only in screenshots; this mapping is UNCONFIRMED.
const BUTTON_STYLE = { primary: 1, default: 2, danger: 3 } as const;

export function renderTemplateCard(card: CardView, options: RenderOptions): TemplateCard {
  const common = {
    task_id: options.taskId,
    source: { desc: options.sourceDesc ?? '生产协同', desc_color: 0 },
    main_title: { title: cut(card.title, 36), ...(card.subtitle ? { desc: cut(card.subtitle, 44) } : {}) },
    horizontal_content_list: card.fields
      .slice(0, MAX_FIELDS)
      .map((f) => ({ keyname: cut(f.label, 5), value: cut(f.value, 30) })),
    ...subTitle(card),
  };
  let rendered: TemplateCard;
  if (card.selects.length > 0) {
    const submit = card.buttons[0];
    rendered = {
      card_type: 'multiple_interaction',
      ...common,
      select_list: card.selects.slice(0, MAX_SELECTS).map((s) => ({
        question_key: s.key,
        title: cut(s.title, 16),
        option_list: s.options.slice(0, MAX_OPTIONS).map((o) => ({ id: o.id, text: cut(o.text, 16) })),
      })),
      submit_button: { text: cut(submit?.text ?? '提交', 10), key: submit?.key ?? `${card.ref}.0` },
    };
  } else if (card.buttons.length > 0) {
    rendered = {
      card_type: 'button_interaction',
      ...common,
      button_list: card.buttons.slice(0, MAX_BUTTONS).map((b) => ({
        type: 0,
        text: cut(b.text, 10),
        style: BUTTON_STYLE[b.style],
        key: b.key,
      })),
    };
  } else {
    rendered = { card_type: 'text_notice', ...common, card_action: { type: 1, url: options.openUrl } };
  }
  assertValidTemplateCard(rendered);
  return rendered;
}

/** Fields beyond the six WeCom shows, and the closing note, go into the subtitle text. */
function subTitle(card: CardView): { sub_title_text?: string } {
  const overflow = card.fields.slice(MAX_FIELDS).map((f) => `${f.label}：${f.value}`);
  const parts = [...overflow, ...(card.closedNote ? [card.closedNote] : [])];
  return parts.length > 0 ? { sub_title_text: cut(parts.join('；'), 160) } : {};
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A task id WeCom accepts: our card ref plus a suffix that makes it unique per send. */
export function wecomTaskId(original: string, suffix: string | number): string {
  return `sfb-${original}-${suffix}`.replace(/[^0-9A-Za-z_\-@]/g, '_').slice(0, 128);
}
