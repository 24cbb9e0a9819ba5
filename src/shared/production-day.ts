import type { FactoryConfig } from '../config/factory-config.js';
import { dayjs, inZone, zonedAt } from './time.js';

/**
 * The factory's production day: from `startsAt` (factory zone) to the same time the next
 * morning, so a night shift is counted whole in the day it began rather than split at midnight.
 */
export interface ProductionDay {
  tz: string;
  startsAt: string;
}

export function productionDay(
  config: Pick<FactoryConfig, 'shifts' | 'productionDay'>,
  tz: string,
): ProductionDay {
  return { tz, startsAt: config.productionDay.startsAt ?? config.shifts[0]?.start ?? '00:00' };
}

/** The production date (`YYYY-MM-DD`) an instant belongs to. */
export function productionDateOf(at: Date, day: ProductionDay): string {
  const local = inZone(at, day.tz);
  const date = local.format('YYYY-MM-DD');
  return local.format('HH:mm') < day.startsAt ? addDays(date, -1) : date;
}

/** The UTC interval [start, end) of a production date. */
export function productionInterval(date: string, day: ProductionDay): { start: Date; end: Date } {
  return {
    start: zonedAt(date, day.startsAt, day.tz).toDate(),
    end: zonedAt(addDays(date, 1), day.startsAt, day.tz).toDate(),
  };
}

/** Whole calendar days from one `YYYY-MM-DD` to another: negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return dayjs(to).diff(dayjs(from), 'day');
}

/** `YYYY-MM-DD` moved by whole days. */
export function addDays(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}
