import type { EntityManager } from '@mikro-orm/core';
import { MaterialIssue } from '../materials/material-issue.entity.js';
import { MaterialLot } from '../materials/material-lot.entity.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { BomLine } from './bom-line.entity.js';

/** What one order lacks of one component. */
export interface Shortage {
  component: string;
  componentName: string;
  unit: string;
  /** Still to be issued to this order: quantity per piece × order quantity, less what it was issued. */
  required: number;
  /** On hand after the earlier orders' needs (never below 0). */
  available: number;
  short: number;
}

export interface OrderKitting {
  orderNumber: string;
  itemCode: string;
  dueDate: string;
  status: string;
  /** false: the item has no bill of material, so nothing can be said. */
  hasBom: boolean;
  shortages: Shortage[];
}

export interface Kitting {
  /** Planned, released and running orders by due date, then number. */
  orders: OrderKitting[];
  /** Orders with a BOM and nothing short. */
  kitted: number;
  /** Orders with a BOM. */
  checked: number;
  /** kitted / checked; null when no order has a BOM. */
  rate: number | null;
}

const OPEN = ['planned', 'released', 'in_progress'] as const;
/** Stored figures keep three decimals; sums are rounded the same way so 0.1 + 0.2 stays 0.3. */
const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * 齐套: for each open order by due date (then number), what its BOM still needs against the lots
 * on hand less what the earlier orders need. An order is kitted (can start) when nothing is short.
 */
export async function kitting(em: EntityManager): Promise<Kitting> {
  const orders = await em.find(
    WorkOrder,
    { status: { $in: [...OPEN] } },
    { orderBy: { dueDate: 'asc', number: 'asc' } },
  );
  const itemCodes = [...new Set(orders.map((o) => o.item.code))];
  const lines =
    itemCodes.length === 0
      ? []
      : await em.find(
          BomLine,
          { parent: { $in: itemCodes } },
          { populate: ['component'], orderBy: { component: 'asc' } },
        );
  const bom = new Map<string, BomLine[]>();
  for (const line of lines) bom.set(line.parent.code, [...(bom.get(line.parent.code) ?? []), line]);

  const components = [...new Set(lines.map((l) => l.component.code))];
  const stock = new Map<string, number>();
  const issued = new Map<string, number>();
  if (components.length > 0) {
    const lots = await em.find(MaterialLot, { item: { $in: components }, remaining: { $gt: 0 } });
    for (const lot of lots) stock.set(lot.item.code, round((stock.get(lot.item.code) ?? 0) + lot.remaining));
    const issues = await em.find(
      MaterialIssue,
      { workOrder: { $in: orders.map((o) => o.id) }, lot: { item: { $in: components } } },
      { populate: ['lot'] },
    );
    for (const i of issues) {
      const key = `${i.workOrder.id}/${i.lot.item.code}`;
      issued.set(key, round((issued.get(key) ?? 0) + i.quantity));
    }
  }

  const result: OrderKitting[] = [];
  for (const order of orders) {
    const own = bom.get(order.item.code) ?? [];
    const shortages: Shortage[] = [];
    for (const line of own) {
      const code = line.component.code;
      const required = Math.max(
        0,
        round(line.quantityPer * order.quantity - (issued.get(`${order.id}/${code}`) ?? 0)),
      );
      const onHand = stock.get(code) ?? 0;
      const available = Math.max(0, onHand);
      if (required > available + 1e-9)
        shortages.push({
          component: code,
          componentName: line.component.name,
          unit: line.unit,
          required,
          available,
          short: round(required - available),
        });
      // The earlier order's need comes first whether or not it is covered.
      stock.set(code, round(onHand - required));
    }
    result.push({
      orderNumber: order.number,
      itemCode: order.item.code,
      dueDate: order.dueDate,
      status: order.status,
      hasBom: own.length > 0,
      shortages,
    });
  }
  const checked = result.filter((o) => o.hasBom).length;
  const kitted = result.filter((o) => o.hasBom && o.shortages.length === 0).length;
  return { orders: result, kitted, checked, rate: checked > 0 ? kitted / checked : null };
}
