import type { ShiftConfig } from '../config/factory-config.js';
import { BoundedMemo } from './bounded-memo.js';
import { inZone, localDateOf, zonedAt } from './time.js';

export interface ShiftInterval {
  name: string;
  start: Date;
  end: Date;
}

/** Shift instants by zone, day and clock times: every 报工 asks which shift it is in. */
const knownShifts = new BoundedMemo<{ start: number; end: number }>(1_000);

/**
 * The instants of `shift` starting on the factory-local day `day`. Compared as plain instants:
 * dayjs's `isAfter` on a zoned value goes through the zone plugin's `startOf`, which formats and
 * re-zones both sides, and every report asks which shift it falls in.
 */
function shiftOn(day: string, shift: ShiftConfig, tz: string): { start: Date; end: Date } {
  const known = knownShifts.get(`${tz}|${day}|${shift.start}|${shift.end}`, () => {
    const { start, end } = computeShiftOn(day, shift, tz);
    return { start: start.getTime(), end: end.getTime() };
  });
  // New dates each time: a caller may keep or change what it gets.
  return { start: new Date(known.start), end: new Date(known.end) };
}

function computeShiftOn(day: string, shift: ShiftConfig, tz: string): { start: Date; end: Date } {
  const start = zonedAt(day, shift.start, tz).toDate();
  let end = zonedAt(day, shift.end, tz).toDate();
  // A night shift ends on the next local day, read on that day's clocks: across the autumn
  // change 22:00–06:00 lasts nine hours, not eight, and leaves no hour outside every shift.
  if (end <= start) end = zonedAt(daysAfter(day, 1), shift.end, tz).toDate();
  return { start, end };
}

/** The calendar day `days` after `day` (both `YYYY-MM-DD`). */
function daysAfter(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The shift `at` falls in, with its instants. Shifts are clock times in the factory zone and
 * may run past midnight (夜班 20:00–08:00), so yesterday's night shift is a candidate too.
 */
export function shiftAt(at: Date, shifts: readonly ShiftConfig[], tz: string): ShiftInterval | undefined {
  const today = localDateOf(at, tz);
  for (const day of [today, daysAfter(today, -1)]) {
    for (const shift of shifts) {
      const { start, end } = shiftOn(day, shift, tz);
      if (start.getTime() <= at.getTime() && end.getTime() > at.getTime())
        return { name: shift.name, start, end };
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
      const { start, end } = shiftOn(day, shift, tz);
      if (start.getTime() >= from.getTime() && start.getTime() < to.getTime()) {
        found.push({ name: shift.name, start, end });
      }
    }
    day = daysAfter(day, 1);
  }
  return found.sort((a, b) => a.start.getTime() - b.start.getTime());
}
