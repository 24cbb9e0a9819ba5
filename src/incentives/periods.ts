import { BoundedMemo } from '../shared/bounded-memo.js';
import { dayjs, inZone, localDateOf, zonedAt } from '../shared/time.js';

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
    from: zonedAt(firstDay, '00:00', tz).toDate(),
    to: zonedAt(endDay, '00:00', tz).toDate(),
    firstDay,
    lastDay: dayjs(endDay).subtract(1, 'day').format('YYYY-MM-DD'),
  };
}

/**
 * Weeks already worked out, by zone, local day and weeks back: caps look up the week of every
 * ledger row a 报工 reads, and the answer for a day never changes.
 */
const weeks = new BoundedMemo<Period>(2_000);

/** The week (Monday to Sunday, factory zone) that `at` falls in, `weeksBack` weeks earlier. */
export function weekOf(at: Date, tz: string, weeksBack = 0): Period {
  const day = localDateOf(at, tz);
  const week = weeks.get(`${tz}|${day}|${weeksBack}`, () => {
    const local = dayjs.utc(day);
    const monday = local
      .subtract((local.day() + 6) % 7, 'day')
      .subtract(weeksBack, 'week')
      .format('YYYY-MM-DD');
    return periodOf(monday, dayjs(monday).add(7, 'day').format('YYYY-MM-DD'), tz);
  });
  // New dates each time: a caller may keep or change what it gets.
  return { ...week, from: new Date(week.from), to: new Date(week.to) };
}

export function monthOf(at: Date, tz: string, monthsBack = 0): Period {
  const first = inZone(at, tz).startOf('month').subtract(monthsBack, 'month').format('YYYY-MM-DD');
  return periodOf(first, dayjs(first).add(1, 'month').format('YYYY-MM-DD'), tz);
}
