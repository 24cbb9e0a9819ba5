import { describe, expect, it } from 'vitest';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { shiftSpans, uptimeOf } from '../../src/kpi/uptime.js';

const TZ = 'Asia/Shanghai';
const at = (day: number, hhmm: string) => new Date(`2026-11-${day}T${hhmm}:00+08:00`);
const HOUR = 3_600_000;
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
/** The default shifts, 08:00–20:00 and 20:00–08:00, over Monday 23 to Monday 30 November. */
const spans = (calendar: Parameters<typeof shiftSpans>[1]) =>
  shiftSpans(defaultFactoryConfig.shifts, calendar, TZ, at(23, '00:00'), at(30, '00:00'));
const hours = (s: Array<[number, number]>) => s.reduce((sum, [a, b]) => sum + (b - a), 0) / HOUR;

describe('a machine’s planned time and uptime over the factory calendar', () => {
  it('counts only the shifts that begin on working days', () => {
    // Every day: Sunday's night shift from Monday 00:00, then round the clock: 168 h.
    expect(hours(spans({}))).toBe(168);
    // Monday to Friday: Sunday's night shift is not worked; Monday 08:00 to Saturday 08:00.
    const week = spans({ workingWeekdays: [...weekdays] });
    expect(hours(week)).toBe(120);
    expect([week[0]![0], week.at(-1)![1]]).toEqual([at(23, '08:00').getTime(), at(28, '08:00').getTime()]);
    // Less Wednesday's day and night shifts.
    expect(hours(spans({ workingWeekdays: [...weekdays], holidays: ['2026-11-25'] }))).toBe(96);
  });

  it('takes downtime only inside the planned shifts, MTTR over the whole repair', () => {
    const week = spans({ workingWeekdays: [...weekdays] });
    // Broken down Friday 18:00, accepted Saturday 12:00: 14 h of it inside Friday's shifts.
    const down = [{ equipment: 'M1', startedAt: at(27, '18:00'), endedAt: at(28, '12:00'), repair: true }];
    const window = { from: at(23, '00:00'), to: at(30, '00:00') };
    expect(uptimeOf(window, week, down, 636, 0.5)).toEqual({
      plannedHours: 120,
      downHours: 14,
      availability: 106 / 120,
      // 636 standard minutes in 106 h run.
      performance: 0.1,
      oee: (106 / 120) * 0.1 * 0.5,
      mttrHours: 18,
      mtbfHours: 106,
    });
  });
});
