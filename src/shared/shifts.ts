import type { ShiftConfig } from '../config/factory-config.js';
import { inZone, zonedAt } from './time.js';

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
