import type { ShiftConfig } from '../config/factory-config.js';
import type { ShiftInterval } from '../shared/shifts.js';
import { dayjs, inZone } from '../shared/time.js';

/** A span of factory-local calendar days, [from, to). */
export interface Period {
  from: Date;
  to: Date;
  /** First and last day, `YYYY-MM-DD`. */
  firstDay: string;
  lastDay: string;
}

function periodOf(firstDay: string, endDay: string, tz: string): Period {
  return {
    from: dayjs.tz(firstDay, tz).toDate(),
    to: dayjs.tz(endDay, tz).toDate(),
    firstDay,
    lastDay: dayjs(endDay).subtract(1, 'day').format('YYYY-MM-DD'),
  };
}

/** The week (Monday to Sunday, factory zone) that `at` falls in, `weeksBack` weeks earlier. */
export function weekOf(at: Date, tz: string, weeksBack = 0): Period {
  const local = inZone(at, tz);
  const monday = local
    .subtract((local.day() + 6) % 7, 'day')
    .subtract(weeksBack, 'week')
    .format('YYYY-MM-DD');
  return periodOf(monday, dayjs(monday).add(7, 'day').format('YYYY-MM-DD'), tz);
}

export function monthOf(at: Date, tz: string): Period {
  const first = inZone(at, tz).startOf('month').format('YYYY-MM-DD');
  return periodOf(first, dayjs(first).add(1, 'month').format('YYYY-MM-DD'), tz);
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
