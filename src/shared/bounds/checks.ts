import { BUSINESS_DATES_FROM, BUSINESS_YEARS_AHEAD, INT32_MAX, INT32_MIN } from './limits.js';

/**
 * Characters as MariaDB counts them in a utf8mb4 VARCHAR (code points), so an emoji is one,
 * not the two UTF-16 units JavaScript's `length` counts.
 */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function longerThan(text: string, max: number): boolean {
  // Cheap exits first: a string is never more code points than UTF-16 units, nor fewer than half.
  if (text.length <= max) return false;
  if (text.length > 2 * max) return true;
  return charCount(text) > max;
}

export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

/**
 * Whether a JSON value nests more than `limit` objects or arrays deep (`{}` is one), counted
 * level by level rather than recursively so that a hostile 3,000-level body cannot exhaust the
 * stack.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; ; depth++) {
    const containers = level.filter((v): v is object => v !== null && typeof v === 'object');
    if (containers.length === 0) return false;
    if (depth + 1 > limit) return true;
    level = containers.flatMap((c) => Object.values(c));
  }
}

export interface DateWindow {
  from: Date;
  until: Date;
}

/** The window a business date must fall in, as seen at `now`. */
export function businessDateWindow(now: Date): DateWindow {
  const until = new Date(now);
  until.setUTCFullYear(until.getUTCFullYear() + BUSINESS_YEARS_AHEAD);
  return { from: BUSINESS_DATES_FROM, until };
}

export function withinWindow(at: Date, window: DateWindow): boolean {
  const t = at.getTime();
  return !Number.isNaN(t) && t >= window.from.getTime() && t <= window.until.getTime();
}
