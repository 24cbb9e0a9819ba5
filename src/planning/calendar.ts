import { WEEKDAYS } from '../config/factory-schema.js';
import { dayjs } from '../shared/time.js';
import type { FactoryCalendar } from './config.js';

/**
 * Whether the factory works on a factory-local `YYYY-MM-DD`: an extra workday (调休) always, a
 * holiday never, otherwise by its weekday. Without a calendar every day is a working day.
 */
export function workingDayTest(calendar: FactoryCalendar): (day: string) => boolean {
  const weekdays = new Set(calendar.workingWeekdays ?? WEEKDAYS);
  const holidays = new Set(calendar.holidays ?? []);
  const extra = new Set(calendar.extraWorkdays ?? []);
  if (weekdays.size === WEEKDAYS.length && holidays.size === 0) return () => true;
  return (day) => {
    if (extra.has(day)) return true;
    if (holidays.has(day)) return false;
    // dayjs: 0 = Sunday; WEEKDAYS starts on Monday.
    return weekdays.has(WEEKDAYS[(dayjs(day).day() + 6) % 7]!);
  };
}
