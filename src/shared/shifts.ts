import type { ShiftConfig } from '../config/factory-config.js';
import { dayjs, inZone, zonedAt } from './time.js';

export interface ShiftInterval {
  name: string;
  start: Date;
  end: Date;
}

/**
 * The shift `at` falls in, with its instants. Shifts are clock times in the factory zone and
 * may run past midnight (夜班 20:00–08:00), so yesterday's night shift is a candidate too.
 */
export function shiftAt(at: Date, shifts: readonly ShiftConfig[], tz: string): ShiftInterval | undefined {
  const local = inZone(at, tz);
  for (const dayOffset of [0, -1]) {
    const day = local.add(dayOffset, 'day').format('YYYY-MM-DD');
    for (const shift of shifts) {
      const start = zonedAt(day, shift.start, tz);
      let end = zonedAt(day, shift.end, tz);
      if (!end.isAfter(start)) end = end.add(1, 'day');
      if (!start.isAfter(local) && end.isAfter(local))
        return { name: shift.name, start: start.toDate(), end: end.toDate() };
    }
  }
  return undefined;
}

/**
 * Every shift that starts within [from, to), in order. Shifts are wall-clock times and may
 * run past midnight, as `shiftAt` reads them.
 */
export function shiftsStartingIn(
  from: Date,
  to: Date,
  shifts: readonly ShiftConfig[],
  tz: string,
): ShiftInterval[] {
  const found: ShiftInterval[] = [];
  let day = inZone(from, tz).subtract(1, 'day').format('YYYY-MM-DD');
  const lastDay = inZone(to, tz).format('YYYY-MM-DD');
  while (day <= lastDay) {
    for (const shift of shifts) {
      const start = dayjs.tz(`${day} ${shift.start}`, tz);
      let end = dayjs.tz(`${day} ${shift.end}`, tz);
      if (!end.isAfter(start)) end = end.add(1, 'day');
      if (start.valueOf() >= from.getTime() && start.valueOf() < to.getTime()) {
        found.push({ name: shift.name, start: start.toDate(), end: end.toDate() });
      }
    }
    day = dayjs(day).add(1, 'day').format('YYYY-MM-DD');
  }
  return found.sort((a, b) => a.start.getTime() - b.start.getTime());
}
