import { parseDayRange, type DayRangeProblem } from '../shared/day-range.js';
import { dayjs } from '../shared/time.js';
import type { DateRange } from './export-service.js';

export type RangeProblem = DayRangeProblem | { kind: 'too_long'; days: number };

/** The most days one chat export may cover: a quarter, enough for a month-end reconciliation. */
export const MAX_EXPORT_DAYS = 92;

/** The days an export covers (see `parseDayRange`), refused when longer than {@link MAX_EXPORT_DAYS}. */
export function parseDateRange(
  text: string,
  today: string,
): { range: DateRange } | { problem: RangeProblem } {
  const parsed = parseDayRange(text, today);
  if ('problem' in parsed) return parsed;
  const days = dayjs(parsed.range.to).diff(dayjs(parsed.range.from), 'day') + 1;
  if (days > MAX_EXPORT_DAYS) return { problem: { kind: 'too_long', days } };
  return parsed;
}
