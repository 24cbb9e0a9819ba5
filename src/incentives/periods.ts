import { dayjs, inZone, zonedAt } from '../shared/time.js';

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
