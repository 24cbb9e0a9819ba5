import type { EntityManager } from '@mikro-orm/core';
import { RefusedError } from '../shared/errors.js';
import { Item } from './item.entity.js';
import { workOrderMessages as m } from './messages.js';

/** At most this many items are offered when what was written names none exactly. */
const CLOSE_MATCHES = 5;

/**
 * `SHF-200` or `传动轴`: the exact code first, then the exact name. A name that several items
 * share is refused with their codes: a planner picks, the bot never guesses. Part of a name
 * (`传动`) names nothing either, but the items it is part of are offered.
 */
export async function itemNamed(em: EntityManager, text: string): Promise<Item> {
  const written = text.trim();
  const byCode = await em.findOne(Item, { code: written.toUpperCase() });
  if (byCode) return byCode;
  const byName = await em.find(Item, { name: written }, { orderBy: { code: 'asc' } });
  if (byName.length === 1 && byName[0]) return byName[0];
  if (byName.length === 0) {
    const close = await itemsContaining(em, written);
    throw new RefusedError('item_not_found', m.itemNotFound(written, close));
  }
  throw new RefusedError(
    'item_ambiguous',
    m.itemAmbiguous(
      written,
      byName.map((i) => i.code),
    ),
  );
}

async function itemsContaining(em: EntityManager, written: string): Promise<string[]> {
  const part = written.replace(/[%_\\]/g, '');
  if (part === '') return [];
  const like = { $like: `%${part}%` };
  const items = await em.find(
    Item,
    { $or: [{ name: like }, { code: like }] },
    { orderBy: { code: 'asc' }, limit: CLOSE_MATCHES },
  );
  return items.map((i) => `${i.code} ${i.name}`);
}
