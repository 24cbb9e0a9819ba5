import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { BoundedMemo } from './bounded-memo.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Stored times are UTC; shifts, days and schedules are reckoned in the factory's zone.
 * The same instance as `dayjs(at).tz(tz)` (it keeps the zone, so `startOf` stays right across
 * a DST change), built from one formatter per zone: dayjs's `.tz()` has ICU build a formatter on
 * every call and parses its output back, about ten times slower, and this runs per report and
 * per ledger row.
 */
export function inZone(at: Date, tz: string): Dayjs {
  if (Number.isNaN(at.getTime())) return dayjs(at).tz(tz);
  const offset = offsetAt(at.getTime(), tz);
  const wall = new Date(at.getTime() - (at.getTime() % 1000) + offset * 60_000);
  const [year, month, day] = [wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate()];
  const [hour, minute, second] = [wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds()];
  const local =
    offset === 0
      ? dayjs(at).utc()
      : dayjs(new Date(year, month - 1, day, hour, minute, second, at.getMilliseconds())).utcOffset(
          offset,
          true,
        );
  // What dayjs's own `.tz()` sets: the zone that later `startOf` and `tz(…, true)` reckon in.
  (local as unknown as { $x: Record<string, unknown> }).$x.$timezone = tz;
  return local;
}

/**
 * `hhmm` (`HH:mm`) on the factory-local day `day` (`YYYY-MM-DD`): the same instance as
 * `dayjs.tz(\`${day} ${hhmm}\`, tz)`, its choice in a DST gap or overlap included, from the
 * per-zone formatter (dayjs parses its own output back three times). Every report asks which
 * shift it falls in, which takes eight of these.
 */
export function zonedAt(day: string, hhmm: string, tz: string): Dayjs {
  const [year = NaN, month = NaN, date = NaN] = day.split('-').map(Number);
  const [hour = NaN, minute = NaN] = hhmm.split(':').map(Number);
  const localTs = Date.UTC(year, month - 1, date, hour, minute);
  if (Number.isNaN(localTs)) return dayjs.tz(`${day} ${hhmm}`, tz);
  // As dayjs does: the zone's offset now is the first guess, and decides an ambiguous time.
  const [instant, offset] = fixOffset(localTs, offsetAt(Date.now(), tz), tz);
  const zoned = dayjs(instant).utcOffset(offset);
  (zoned as unknown as { $x: Record<string, unknown> }).$x.$timezone = tz;
  return zoned;
}

/**
 * A zone's offset holds for months between changes, and no zone changes twice within a quarter
 * of an hour: an offset found the same at both ends of a quarter-hour holds throughout it, and
 * is kept, so the formatter (about 2 µs a call, several per report) runs once a quarter-hour per
 * zone. A quarter-hour with a change in it is asked of the formatter each time.
 */
const OFFSET_SPAN_MS = 15 * 60_000;
/** Quarter-hours kept, of all zones together: two months of one zone, or tests' random dates. */
const offsetSpans = new BoundedMemo<number>(6_000);

/** Minutes `tz` is ahead of UTC at `ts`. */
function offsetAt(ts: number, tz: string): number {
  const span = Math.floor(ts / OFFSET_SPAN_MS);
  const offset = offsetSpans.get(`${tz}|${span}`, () => {
    const first = formattedOffsetAt(span * OFFSET_SPAN_MS, tz);
    const last = formattedOffsetAt((span + 1) * OFFSET_SPAN_MS - 1000, tz);
    return first === last ? first : NaN;
  });
  return Number.isNaN(offset) ? formattedOffsetAt(ts, tz) : offset;
}

function formattedOffsetAt(ts: number, tz: string): number {
  const [year, month, day, hour, minute, second] = wallClock(new Date(ts), tz);
  return (Date.UTC(year, month - 1, day, hour, minute, second) - (ts - (ts % 1000))) / 60_000;
}

/** dayjs's (and Luxon's) way from a local time and a guessed offset to the instant. */
function fixOffset(localTs: number, guess: number, tz: string): [number, number] {
  let utc = localTs - guess * 60_000;
  const o2 = offsetAt(utc, tz);
  if (guess === o2) return [utc, guess];
  utc -= (o2 - guess) * 60_000;
  const o3 = offsetAt(utc, tz);
  if (o2 === o3) return [utc, o2];
  // A time the clocks skip: the offset changed, the time is kept.
  return [localTs - Math.min(o2, o3) * 60_000, Math.max(o2, o3)];
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** Year, month (1–12), day, hour, minute, second on the clocks of `tz` at `at`. */
function wallClock(at: Date, tz: string): [number, number, number, number, number, number] {
  let format = wallClockFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(tz, format);
  }
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of format.formatToParts(at)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  // Some Node versions write midnight as 24:00 of the day it starts (nodejs/node#33027).
  return [fields.year, fields.month, fields.day, fields.hour % 24, fields.minute, fields.second];
}

/** The calendar day (`YYYY-MM-DD`) `at` falls on in `tz`: `inZone(at, tz).format('YYYY-MM-DD')`, without building a dayjs. */
export function localDateOf(at: Date, tz: string): string {
  return new Date(at.getTime() + offsetAt(at.getTime(), tz) * 60_000).toISOString().slice(0, 10);
}

/** `HH:mm` in the factory zone on the factory-local calendar day of `day`, as a UTC instant. */
export function atLocalTime(day: Date, hhmm: string, tz: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return inZone(day, tz)
    .hour(h ?? 0)
    .minute(m ?? 0)
    .second(0)
    .millisecond(0)
    .toDate();
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export { dayjs };
