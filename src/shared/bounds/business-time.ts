import { OutOfBoundsError } from './bounds-error.js';
import { businessDateWindow, withinWindow } from './checks.js';

/**
 * A business time given as ISO 8601 text (with its offset), refused unless it is a real time
 * inside the business window: `0000-01-01` or `9999-12-31T23:59-12:00` is a typo or an attack,
 * never a due date, and would later read as "overdue 9,830 days".
 */
export function businessInstant(field: string, text: string, now: Date): Date {
  const at = new Date(text);
  const window = businessDateWindow(now);
  if (!withinWindow(at, window)) throw OutOfBoundsError.badTime(field, windowDetails(text, window));
  return at;
}

/** A calendar day `YYYY-MM-DD` that exists (no 02-31) and lies inside the business window. */
export function businessDay(field: string, day: string, now: Date): string {
  const at = new Date(`${day}T00:00:00Z`);
  const window = businessDateWindow(now);
  const real = !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === day;
  if (!real || !withinWindow(at, window)) throw OutOfBoundsError.badTime(field, windowDetails(day, window));
  return day;
}

function windowDetails(value: string, window: { from: Date; until: Date }) {
  return { value, from: window.from.toISOString(), until: window.until.toISOString() };
}
