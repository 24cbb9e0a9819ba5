import { inZone } from '../shared/time.js';

export type KpiPeriodKind = 'this_week' | 'last_week' | 'this_month' | 'last_month';

/** A span of factory-local calendar days, [from, to) as UTC instants. */
export interface KpiPeriod {
  kind: KpiPeriodKind;
  /** First and last factory-local day, YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
  from: Date;
  to: Date;
}

/**
 * The week (Monday to Sunday) or month around `now` in the factory zone. Calendar days, not
 * production days: a manager reads "this week" off a wall calendar, and a night shift's last
 * hours after midnight on Sunday belong to the next week like any other report made then.
 */
export function kpiPeriod(kind: KpiPeriodKind, now: Date, tz: string): KpiPeriod {
  const today = inZone(now, tz).startOf('day');
  const monday = today.subtract((today.day() + 6) % 7, 'day');
  const starts: Record<KpiPeriodKind, typeof today> = {
    this_week: monday,
    last_week: monday.subtract(7, 'day'),
    this_month: today.startOf('month'),
    last_month: today.startOf('month').subtract(1, 'month'),
  };
  const start = starts[kind];
  const end = kind.endsWith('_month') ? start.add(1, 'month') : start.add(7, 'day');
  return {
    kind,
    firstDay: start.format('YYYY-MM-DD'),
    lastDay: end.subtract(1, 'day').format('YYYY-MM-DD'),
    from: start.toDate(),
    to: end.toDate(),
  };
}
