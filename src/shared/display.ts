import { inZone } from './time.js';

/**
 * How times and lengths of time read in every message: the year only when it is not this
 * year (in the factory zone, by the clock's now), durations in 天/小时/分钟.
 */

/** `11-30 20:15` this year, `2027-11-30 20:15` in another. */
export function formatDateTime(at: Date, now: Date, tz: string): string {
  return inZone(at, tz).format(`${yearPrefix(at, now, tz)}MM-DD HH:mm`);
}

/** `11-30` this year, `2027-11-30` in another. */
export function formatDay(at: Date, now: Date, tz: string): string {
  return inZone(at, tz).format(`${yearPrefix(at, now, tz)}MM-DD`);
}

function yearPrefix(at: Date, now: Date, tz: string): string {
  return inZone(at, tz).year() === inZone(now, tz).year() ? '' : 'YYYY-';
}

/**
 * `3 小时 5 分钟`, `45 分钟` to the nearest minute, and from a day on in whole hours passed
 * (`2 天 3 小时`: the minutes of something days long are noise); the parts that are not zero.
 */
export function formatDuration(minutes: number): string {
  const exact = Math.max(0, minutes);
  const whole = exact >= 1440 ? Math.floor(exact / 60) * 60 : Math.round(exact);
  const parts: Array<[number, string]> = [
    [Math.floor(whole / 1440), '天'],
    [Math.floor((whole % 1440) / 60), '小时'],
    [whole % 60, '分钟'],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}`);
  return shown.length === 0 ? '0 分钟' : shown.join(' ');
}
