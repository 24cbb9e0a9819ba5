import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { inZone, zonedAt } from '../shared/time.js';
import { WorkOrder } from '../workorders/work-order.entity.js';

/** An order that will not (or did not) make its due date, and why: the planning branch's shape. */
export interface AtRiskOrder {
  orderNumber: string;
  itemCode: string;
  dueAt: Date;
  projectedFinishAt: Date;
  reason: string;
}

/**
 * A stand-in for planning's `ordersAtRisk` (src/planning/load-service.ts, capacity load over
 * shifts and machines), which is not on this branch: the open orders already past the end of
 * their due day, projected to finish "now" at the earliest. The board calls it in one place
 * (board-service.ts), so swapping in the real one is one import.
 */
export async function ordersAtRisk(
  em: EntityManager,
  config: FactoryConfig,
  now: Date,
): Promise<AtRiskOrder[]> {
  void config;
  // The real one will know the zone from its config; this stand-in reads it as env.ts does.
  const tz = process.env.FACTORY_TZ ?? 'Asia/Shanghai';
  const today = inZone(now, tz).format('YYYY-MM-DD');
  const orders = await em.find(
    WorkOrder,
    { status: { $in: ['planned', 'released', 'in_progress'] }, dueDate: { $lt: today } },
    { populate: ['item'], orderBy: { dueDate: 'asc', number: 'asc' } },
  );
  return orders.map((o) => ({
    orderNumber: o.number,
    itemCode: o.item.code,
    dueAt: zonedAt(o.dueDate, '23:59', tz).add(59, 'second').toDate(),
    projectedFinishAt: now,
    reason: '已过交期未完工',
  }));
}
