import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../../chat/audit/actor.js';
import { recordAudit } from '../../chat/audit/actor.js';
import type { Services } from '../../services.js';
import { RefusedError } from '../../shared/errors.js';
import type { WorkOrder } from '../../workorders/work-order.entity.js';
import type { Inspection } from '../inspections/inspection.entity.js';
import { serialMessages as m } from './messages.js';
import { formatSerial, MAX_SERIAL } from './serial-pattern.js';
import { Serial, type SerialSource } from './serial.entity.js';

/** A work order's output is one lot, numbered like the order, so the lot needs no second name. */
export function outputLotOf(order: WorkOrder): string {
  return order.number;
}

/** The serials a 终检 will give its accepted pieces, checked before anything is stored. */
export interface SerialPlan {
  source: SerialSource;
  numbers: Array<{ number: string; sequence: number | null }>;
}

/**
 * The serials for `accepted` pieces of a serialised item: the scanned labels when QC gives
 * them (one per piece), else the next consecutive numbers of the order from the configured
 * pattern. An item that is not serialised gets none, and refuses scanned ones. Called under
 * the order's row lock (loadOrder), so two 终检 on one order never hand out one number twice.
 */
export async function planSerials(
  deps: Services,
  order: WorkOrder,
  accepted: number,
  at: Date,
  scanned: readonly string[] | undefined,
): Promise<SerialPlan | undefined> {
  if (!order.item.serialised) {
    if (scanned !== undefined)
      throw new RefusedError('not_serialised', m.notSerialised(order.number, order.item.code));
    return undefined;
  }
  if (scanned !== undefined) {
    const numbers = scanned.map((s) => s.toUpperCase());
    if (numbers.length !== accepted)
      throw new RefusedError('serial_count', m.wrongCount(accepted, numbers.length), {
        accepted,
        given: numbers.length,
      });
    const repeated = numbers.filter((n, i) => numbers.indexOf(n) !== i);
    if (repeated.length > 0) throw new RefusedError('serial_repeated', m.repeated([...new Set(repeated)]));
    await refuseTaken(deps.em, numbers);
    return { source: 'scanned', numbers: numbers.map((number) => ({ number, sequence: null })) };
  }
  if (accepted === 0) return undefined;
  const last = await deps.em.findOne(
    Serial,
    { workOrder: order, sequence: { $ne: null } },
    { orderBy: { sequence: 'desc' }, fields: ['sequence'] },
  );
  const from = (last?.sequence ?? 0) + 1;
  const parts = { lot: outputLotOf(order), item: order.item.code, at, tz: deps.tz };
  const numbers = Array.from({ length: accepted }, (_, i) => ({
    number: formatSerial(deps.config.quality.serials.pattern, { ...parts, n: from + i }),
    sequence: from + i,
  }));
  await refuseTaken(
    deps.em,
    numbers.map((n) => n.number),
  );
  return { source: 'assigned', numbers };
}

/** Too long for the column, or already on another piece (a label scanned earlier, say). */
async function refuseTaken(em: EntityManager, numbers: readonly string[]): Promise<void> {
  const long = numbers.find((n) => n.length > MAX_SERIAL);
  if (long) throw new RefusedError('serial_too_long', m.tooLong(long, MAX_SERIAL));
  const taken: Array<{ serial: string; order: string }> = [];
  for (let i = 0; i < numbers.length; i += 1000) {
    const found = await em.find(
      Serial,
      { number: { $in: numbers.slice(i, i + 1000) } },
      { populate: ['workOrder'], orderBy: { number: 'asc' } },
    );
    taken.push(...found.map((s) => ({ serial: s.number, order: s.workOrder.number })));
  }
  if (taken.length > 0)
    throw new RefusedError('serial_taken', m.taken(taken), { taken: taken.map((t) => t.serial) });
}

/** Stores the planned serials on the 终检 that accepted the pieces. */
export function giveSerials(
  deps: Services,
  actor: Actor,
  order: WorkOrder,
  inspection: Inspection,
  plan: SerialPlan,
): Serial[] {
  const lot = outputLotOf(order);
  const serials = plan.numbers.map(({ number, sequence }) =>
    deps.em.create(Serial, {
      number,
      workOrder: order,
      lot,
      sequence,
      inspection,
      source: plan.source,
      createdAt: actor.at,
    }),
  );
  recordAudit(deps.em, actor, 'serials.give', 'work_order', order.number, {
    source: plan.source,
    count: serials.length,
    first: serials[0]?.number ?? null,
    last: serials.at(-1)?.number ?? null,
  });
  return serials;
}
