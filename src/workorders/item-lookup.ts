import type { EntityManager } from '@mikro-orm/core';
import { RefusedError } from '../shared/errors.js';
import { Item } from './item.entity.js';
import { workOrderMessages as m } from './messages.js';

/**
 * `SHF-200` or `传动轴`: the exact code first, then the exact name. A name that several items
 * share is refused with their codes: a planner picks, the bot never guesses.
 */
export async function itemNamed(em: EntityManager, text: string): Promise<Item> {
  const written = text.trim();
  const byCode = await em.findOne(Item, { code: written.toUpperCase() });
  if (byCode) return byCode;
  const byName = await em.find(Item, { name: written }, { orderBy: { code: 'asc' } });
  if (byName.length === 1 && byName[0]) return byName[0];
  if (byName.length === 0) throw new RefusedError('item_not_found', m.itemNotFound(written));
  throw new RefusedError(
    'item_ambiguous',
    m.itemAmbiguous(
      written,
      byName.map((i) => i.code),
    ),
  );
}
