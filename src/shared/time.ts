import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Stored times are UTC; shifts, days and schedules are reckoned in the factory's zone. */
export function inZone(at: Date, tz: string): Dayjs {
  return dayjs(at).tz(tz);
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
