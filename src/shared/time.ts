import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

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
  const [year, month, day, hour, minute, second] = wallClock(at, tz);
  const wholeSeconds = at.getTime() - (at.getTime() % 1000);
  const offset = (Date.UTC(year, month - 1, day, hour, minute, second) - wholeSeconds) / 60_000;
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
