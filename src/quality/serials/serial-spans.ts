import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Serial } from './serial.entity.js';

/** How many serials an order's pieces carry, and the lowest and highest of them. */
export interface SerialSpan {
  count: number;
  first: string;
  last: string;
}

/**
 * The serials of each order (by id) in one grouped read per thousand orders, so a recall of a
 * lot used by many orders can name every piece's range without loading the pieces.
 */
export async function serialSpans(
  em: EntityManager,
  orderIds: readonly number[],
): Promise<Map<number, SerialSpan>> {
  const spans = new Map<number, SerialSpan>();
  // The SQL drivers' entity manager; the core type does not expose the query builder.
  const sql = em as SqlEntityManager;
  for (let i = 0; i < orderIds.length; i += 1000) {
    const rows = (await sql
      .createQueryBuilder(Serial, 's')
      .select(['s.workOrder'])
      .addSelect(raw('count(*) as serial_count'))
      .addSelect(raw('min(s.number) as first_serial'))
      .addSelect(raw('max(s.number) as last_serial'))
      .where({ workOrder: { $in: orderIds.slice(i, i + 1000) } })
      .groupBy(['s.workOrder'])
      .execute('all', false)) as Array<Record<string, unknown>>;
    for (const row of rows)
      spans.set(Number(row.work_order_id), {
        count: Number(row.serial_count),
        first: String(row.first_serial),
        last: String(row.last_serial),
      });
  }
  return spans;
}
