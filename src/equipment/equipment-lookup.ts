import type { EntityManager } from '@mikro-orm/core';
import { rowWriteLock } from '../db/locking.js';
import { RefusedError } from '../shared/errors.js';
import { Equipment } from './equipment.entity.js';
import { equipmentMessages as m } from './messages.js';

/** The machine a person named (any case), or a refusal that lists the machines there are. */
export async function equipmentNamed(
  em: EntityManager,
  code: string,
  options: { lock?: boolean } = {},
): Promise<Equipment> {
  const found = await em.findOne(
    Equipment,
    { code: code.toUpperCase() },
    options.lock ? rowWriteLock(em) : {},
  );
  if (found) return found;
  const known = await em.find(Equipment, {}, { fields: ['code'], orderBy: { code: 'asc' }, limit: 20 });
  throw new RefusedError(
    'equipment_unknown',
    m.equipmentUnknown(
      code,
      known.map((e) => e.code),
    ),
    { code },
  );
}
