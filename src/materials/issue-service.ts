import type { Actor } from '../chat/audit/actor.js';
import { recordAudit } from '../chat/audit/actor.js';
import { RefusedError } from '../shared/errors.js';
import type { ShopfloorDeps } from '../workorders/shopfloor-deps.js';
import type { OrderWithTasks } from '../workorders/task-lookup.js';
import { materialMessages as m } from './messages.js';
import { MaterialIssue } from './material-issue.entity.js';
import { MaterialLot } from './material-lot.entity.js';

/** 领料: a lot consumed by a work order. The lot never goes below zero. */
export async function issueMaterial(
  deps: ShopfloorDeps,
  actor: Actor,
  loaded: OrderWithTasks,
  lotNumber: string,
  quantity: number,
): Promise<{ lot: MaterialLot; issue: MaterialIssue }> {
  const lot = await deps.em.findOne(
    MaterialLot,
    { lotNumber: lotNumber.toUpperCase() },
    { populate: ['item'] },
  );
  if (!lot) throw new RefusedError('lot_not_found', m.lotNotFound(lotNumber));
  if (quantity <= 0) throw new RefusedError('bad_quantity', m.badQuantity);
  if (lot.remaining < quantity) {
    throw new RefusedError('lot_short', m.lotShort(lot.lotNumber, lot.remaining, quantity, lot.item.unit), {
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
