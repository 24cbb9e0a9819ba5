import type { Services } from '../services.js';
import type { Actor } from '../chat/audit/actor.js';
import { recordAudit } from '../chat/audit/actor.js';
import { RefusedError } from '../shared/errors.js';
import type { OrderWithTasks } from '../workorders/task-lookup.js';
import { materialMessages as m } from './messages.js';
import { MaterialIssue } from './material-issue.entity.js';
import { MaterialLot } from './material-lot.entity.js';
import { isDivisible, sameUnit } from './units.js';

/**
 * 领料: a lot consumed by a work order. The lot never goes below zero. The quantity is in the
 * lot's unit; a unit written with it (`150kg`) must be that unit, and only a unit that can be
 * divided (kg, m, L…) takes decimals.
 */
export async function issueMaterial(
  deps: Services,
  actor: Actor,
  loaded: OrderWithTasks,
  lotNumber: string,
  quantity: number,
  writtenUnit?: string,
): Promise<{ lot: MaterialLot; issue: MaterialIssue }> {
  const lot = await deps.em.findOne(
    MaterialLot,
    { lotNumber: lotNumber.toUpperCase() },
    { populate: ['item'] },
  );
  if (!lot) throw new RefusedError('lot_not_found', m.lotNotFound(lotNumber));
  const unit = lot.item.unit;
  if (writtenUnit !== undefined && !sameUnit(writtenUnit, unit))
    throw new RefusedError('wrong_unit', m.wrongUnit(lot.lotNumber, unit, writtenUnit));
  if (quantity <= 0) throw new RefusedError('bad_quantity', m.badQuantity);
  if (!Number.isInteger(quantity) && !isDivisible(unit))
    throw new RefusedError('not_whole_units', m.notWholeUnits(lot.lotNumber, unit, quantity));
  if (lot.remaining < quantity) {
    throw new RefusedError('lot_short', m.lotShort(lot.lotNumber, lot.remaining, quantity, unit), {
      remaining: lot.remaining,
      requested: quantity,
    });
  }
  lot.remaining = Math.round((lot.remaining - quantity) * 1000) / 1000;
  const task = loaded.tasks.find((t) => t.status === 'in_progress') ?? null;
  const issue = deps.em.create(MaterialIssue, {
    lot,
    workOrder: loaded.order,
    task,
    quantity,
    issuedBy: actor.person.id,
    issuedAt: actor.at,
  });
  recordAudit(deps.em, actor, 'material.issue', 'lot', lot.lotNumber, {
    order: loaded.order.number,
    quantity,
  });
  return { lot, issue };
}
