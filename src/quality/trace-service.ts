import type { EntityManager } from '@mikro-orm/core';
import { MaterialLot } from '../materials/material-lot.entity.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { lotTraceOf, type LotTrace } from './lot-trace.js';
import { orderTraceOf, type OrderTrace } from './order-trace.js';
import { Serial } from './serials/serial.entity.js';

export type TraceKind = 'lot' | 'order' | 'serial';

/** Lot numbers, order numbers and serials are all at most this long (their columns). */
export const MAX_TRACE_CODE = 64;

/** The piece a serial names: the order and output lot it came from and the 终检 that accepted it. */
export interface SerialOrigin {
  number: string;
  order: string;
  lot: string;
  source: string;
  inspectedAt: Date;
  inspector: string;
}

export type TraceResult =
  | { kind: 'lot'; trace: LotTrace }
  | { kind: 'order'; trace: OrderTrace }
  /** A serial answers its order's trace, naming the piece. */
  | { kind: 'serial'; serial: SerialOrigin; trace: OrderTrace }
  /** The code names more than one thing (a lot and a serial, say): the caller must say which. */
  | { kind: 'ambiguous'; kinds: TraceKind[] }
  | { kind: 'not_found' };

/**
 * Traces `code` as a lot, an order or a serial (as `kind` says, or whichever it is), never
 * guessing between two: each is looked up by its unique key first, and only then traced.
 */
export async function traceCode(
  em: EntityManager,
  code: string,
  kind: TraceKind | undefined,
  outsourcingStates: ReadonlyArray<{ id: string; name: string }>,
): Promise<TraceResult> {
  const wanted = (k: TraceKind) => kind === undefined || kind === k;
  const lot = wanted('lot')
    ? await em.findOne(MaterialLot, { lotNumber: code }, { populate: ['item'] })
    : null;
  const order = wanted('order')
    ? await em.findOne(WorkOrder, { number: code }, { populate: ['item'] })
    : null;
  const serial = wanted('serial')
    ? await em.findOne(
        Serial,
        { number: code.toUpperCase() },
        { populate: ['workOrder.item', 'inspection.inspector'] },
      )
    : null;
  const kinds = (
    [
      ['lot', lot],
      ['order', order],
      ['serial', serial],
    ] as const
  ).flatMap(([k, found]) => (found ? [k] : []));
  if (kinds.length > 1) return { kind: 'ambiguous', kinds };
  if (lot) return { kind: 'lot', trace: await lotTraceOf(em, lot) };
  if (order) return { kind: 'order', trace: await orderTraceOf(em, order, outsourcingStates) };
  if (serial)
    return {
      kind: 'serial',
      serial: {
        number: serial.number,
        order: serial.workOrder.number,
        lot: serial.lot,
        source: serial.source,
        inspectedAt: serial.inspection.at,
        inspector: serial.inspection.inspector.name,
      },
      trace: await orderTraceOf(em, serial.workOrder, outsourcingStates),
    };
  return { kind: 'not_found' };
}
