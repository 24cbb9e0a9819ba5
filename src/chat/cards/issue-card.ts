import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../../shared/clock.js';
import { CardInstance } from './card-instance.entity.js';
import type { CardButton, CardField, CardView } from './card-view.js';

/** A card as its definition in `cards/` describes it: buttons name domain actions. */
export interface CardSpec {
  title: string;
  subtitle?: string;
  fields: CardField[];
  buttons: Array<{ text: string; action: string; style?: CardButton['style'] }>;
  selects?: Array<{ title: string; options: Array<{ id: string; text: string }> }>;
  closedNote?: string;
}

/** What a card is about, and the state it showed, so a later click can be checked against now. */
export interface CardSubject {
  type: string;
  id: string;
  version: string;
}

/**
 * Records the card and swaps the actions for opaque keys. The platform only ever sees
 * `<ref>.<n>`; the meaning of n stays here. `replaces` is the `original` of a card on screen
 * that this one redraws.
 */
export function issueCard(
  em: EntityManager,
  clock: Clock,
  cardType: string,
  subject: CardSubject,
  spec: CardSpec,
  replaces?: string,
): CardView {
  const ref = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
  const original = replaces ?? ref;
  em.create(CardInstance, {
    id: ref,
    originalRef: original,
    cardType,
    subjectType: subject.type,
    subjectId: subject.id,
    subjectVersion: subject.version,
    actions: spec.buttons.map((b) => b.action),
    createdAt: clock.now(),
  });
  return {
    ref,
    original,
    title: spec.title,
    ...(spec.subtitle === undefined ? {} : { subtitle: spec.subtitle }),
    fields: spec.fields,
    buttons: spec.buttons.map((b, i) => ({ key: `${ref}.${i}`, text: b.text, style: b.style ?? 'default' })),
    selects: (spec.selects ?? []).map((s, i) => ({
      key: `${ref}.s${i}`,
      title: s.title,
      options: s.options,
    })),
    ...(spec.closedNote === undefined ? {} : { closedNote: spec.closedNote }),
  };
}

export function parseButtonKey(key: string): { ref: string; index: number } | undefined {
  const match = /^([A-Za-z0-9]{12})\.(\d{1,2})$/.exec(key);
  return match ? { ref: match[1] as string, index: Number(match[2]) } : undefined;
}
