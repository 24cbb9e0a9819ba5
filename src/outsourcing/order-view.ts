import type { EntityManager } from '@mikro-orm/core';
import { formatDateTime } from '../shared/display.js';
import { dayjs, inZone } from '../shared/time.js';
import { Item } from '../workorders/item.entity.js';
import { parseDueDate } from '../workorders/work-order-service.js';
import type { OrderLine } from './messages.js';
import type { OutsourcingOrder } from './outsourcing-order.entity.js';
import type { OutsourcingStates } from './states.js';

/** `11-24 14:00` in the factory zone: how a time is shown in chat and on the pages. */
export function formatAt(at: Date, tz: string): string {
  return inZone(at, tz).format('MM-DD HH:mm');
}

/** The factory's zone and the moment a line is written: a due date in another year shows it. */
export interface LineTime {
  tz: string;
  now: Date;
}

/** The orders as message lines; their partners must be loaded. Product names are read in one query. */
export async function orderLines(
  em: EntityManager,
  orders: OutsourcingOrder[],
  states: OutsourcingStates,
  { tz, now }: LineTime,
): Promise<OrderLine[]> {
  const codes = [...new Set(orders.map((o) => o.productCode))];
  const items = codes.length === 0 ? [] : await em.find(Item, { code: { $in: codes } });
  const names = new Map(items.map((i) => [i.code, i.name]));
  return orders.map((o) => ({
    number: o.number,
    partnerName: o.partner.name,
    process: o.process,
    productCode: o.productCode,
    productName: names.get(o.productCode) ?? o.productCode,
    quantity: o.quantity,
    returned: o.returnedQuantity,
    stateName: states.nameOf(o.state),
    due: formatDateTime(o.expectedReturnAt, now, tz),
  }));
}

export async function orderLine(
  em: EntityManager,
  order: OutsourcingOrder,
  states: OutsourcingStates,
  time: LineTime,
): Promise<OrderLine> {
  const [line] = await orderLines(em, [order], states, time);
  if (!line) throw new Error(`no line for outsourcing order ${order.number}`);
  return line;
}

/**
 * `11-28` (at `defaultTime`), `11-28 14:00`, `2026-11-28 9:30`, `11月28日 14点`: an expected
 * return as coordinators type it, read in the factory zone.
 */
export function parseReturnAt(text: string, now: Date, tz: string, defaultTime: string): Date | undefined {
  const [datePart, timePart, ...rest] = text.trim().split(/\s+/);
  if (datePart === undefined || rest.length > 0) return undefined;
  const day = parseDueDate(datePart, now, tz);
  if (!day) return undefined;
  const time = (timePart ?? defaultTime).replace(/点$/, ':00').replace(/点半$/, ':30');
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return undefined;
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (h > 23 || m > 59) return undefined;
  const hhmm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return dayjs.tz(`${day} ${hhmm}`, 'YYYY-MM-DD HH:mm', tz).toDate();
}
