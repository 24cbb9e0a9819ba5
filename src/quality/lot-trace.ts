import type { EntityManager } from '@mikro-orm/core';
import { MaterialIssue } from '../materials/material-issue.entity.js';
import type { MaterialLot } from '../materials/material-lot.entity.js';
import { serialSpans, type SerialSpan } from './serials/serial-spans.js';

/** Where a lot of material went: every order that drew from it. */
export interface LotTrace {
  lotNumber: string;
  itemCode: string;
  itemName: string;
  unit: string;
  received: number;
  remaining: number;
  receivedAt: Date;
  supplier: string | null;
  issues: Array<{
    order: string;
    itemName: string;
    customer: string | null;
    status: string;
    quantity: number;
    firstAt: Date;
    /** The serials the order's accepted pieces carry: what a recall names, piece by piece. */
    serials: SerialSpan | null;
  }>;
}

/** Where a lot went: every order that drew from it, with the serials of their accepted pieces. */
export async function lotTraceOf(em: EntityManager, lot: MaterialLot): Promise<LotTrace> {
  const issues = await em.find(
    MaterialIssue,
    { lot },
    { populate: ['workOrder.item'], orderBy: { issuedAt: 'asc', id: 'asc' } },
  );
  const byOrder = new Map<string, LotTrace['issues'][number]>();
  for (const issue of issues) {
    const order = issue.workOrder;
    const seen = byOrder.get(order.number);
    if (seen) seen.quantity += issue.quantity;
    else
      byOrder.set(order.number, {
        order: order.number,
        itemName: order.item.name,
        customer: order.customer ?? null,
        status: order.status,
        quantity: issue.quantity,
        firstAt: issue.issuedAt,
        serials: null,
      });
  }
  const orderIds = [...new Set(issues.map((i) => i.workOrder.id))];
  const spans = await serialSpans(em, orderIds);
  for (const issue of issues) {
    const entry = byOrder.get(issue.workOrder.number);
    if (entry) entry.serials = spans.get(issue.workOrder.id) ?? null;
  }
  return {
    lotNumber: lot.lotNumber,
    itemCode: lot.item.code,
    itemName: lot.item.name,
    unit: lot.item.unit,
    received: lot.quantity,
    remaining: lot.remaining,
    receivedAt: lot.receivedAt,
    supplier: lot.supplier ?? null,
    issues: [...byOrder.values()],
  };
}
