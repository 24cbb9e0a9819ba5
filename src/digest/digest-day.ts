import type { FactoryConfig } from '../config/factory-config.js';
import { addDays, productionDateOf, productionDay, productionInterval } from '../shared/production-day.js';
import { shiftAt, shiftsStartingIn } from '../shared/shifts.js';
import { atLocalTime, inZone } from '../shared/time.js';
import type { DigestSpan } from './messages.js';

type DayConfig = Pick<FactoryConfig, 'shifts' | 'productionDay' | 'digest'>;

/** The last production day that has ended before `now`: what 日报 shows by default. */
export function lastFullDay(now: Date, config: DayConfig, tz: string): string {
  return addDays(productionDateOf(now, productionDay(config, tz)), -1);
}

/** The production day `now` falls in: 日报 今天. */
export function currentDay(now: Date, config: DayConfig, tz: string): string {
  return productionDateOf(now, productionDay(config, tz));
}

/**
 * When the digest for `day` goes out: once the last shift that began in the day has ended,
 * and not before `digest.time` on the morning after the day's calendar date.
 */
export function digestDueAt(day: string, config: DayConfig, tz: string): Date {
  const { start, end } = productionInterval(day, productionDay(config, tz));
  const lastShiftEnd = Math.max(
    start.getTime(),
    ...shiftsStartingIn(start, end, config.shifts, tz).map((s) => s.end.getTime()),
  );
  const morningAfter = atLocalTime(inZone(start, tz).add(1, 'day').toDate(), config.digest.time, tz);
  return new Date(Math.max(lastShiftEnd, morningAfter.getTime()));
}

/** The latest production day whose digest is due by `now`. */
export function dueDigestDay(now: Date, config: DayConfig, tz: string): string {
  const candidate = lastFullDay(now, config, tz);
  return digestDueAt(candidate, config, tz) <= now ? candidate : addDays(candidate, -1);
}

/** The factory-local time of day (HH:mm) at which digests fall due; the daily job runs then. */
export function digestRunTime(now: Date, config: DayConfig, tz: string): string {
  return inZone(digestDueAt(lastFullDay(now, config, tz), config, tz), tz).format('HH:mm');
}

/** What the digest for `day` covers, as of `now`, and which shift is still working if any. */
export function digestSpan(day: string, now: Date, config: DayConfig, tz: string): DigestSpan {
  const { start, end } = productionInterval(day, productionDay(config, tz));
  const words = (at: Date) => inZone(at, tz).format('MM-DD HH:mm');
  const span: DigestSpan = { from: words(start), to: words(end) };
  const shift = shiftAt(now, config.shifts, tz);
  const shiftOfDay = shift && shift.start >= start && shift.start < end ? shift : undefined;
  if (now >= start && (now < end || shiftOfDay)) {
    span.running = { asOf: inZone(now, tz).format('HH:mm'), shift: shiftOfDay?.name };
  }
  return span;
}
