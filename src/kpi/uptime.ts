import type { ShiftConfig } from '../config/factory-config.js';
import { workingDayTest, type FactoryCalendar } from '../planning/config.js';
import { shiftsStartingIn } from '../shared/shifts.js';
import { inZone } from '../shared/time.js';
import type { DowntimeSpan } from './kpi-records.js';

/** A machine's time in a period: availability, performance and OEE; MTTR and MTBF. */
export interface Uptime {
  /** Shift hours in the period, up to now. */
  plannedHours: number;
  /** Of those, the hours the machine was down (停机 or broken down until 验收). */
  downHours: number;
  /** (planned − down) / planned; null without shift time. */
  availability: number | null;
  /** Standard minutes of the pieces it made (good and scrap) / minutes it ran. */
  performance: number | null;
  /** availability × performance × first-pass yield. */
  oee: number | null;
  /** Mean hours from breakdown to 验收 of the repairs that ended in the period. */
  mttrHours: number | null;
  /** Hours run per breakdown that began in the period. */
  mtbfHours: number | null;
}

const HOUR = 3_600_000;

/**
 * The shifts' instants within [from, to), a night shift begun before `from` cut at it; a shift
 * that begins on a day the factory calendar says is off is no planned time.
 */
export function shiftSpans(
  shifts: readonly ShiftConfig[],
  calendar: FactoryCalendar,
  tz: string,
  from: Date,
  to: Date,
): Array<[number, number]> {
  if (to <= from) return [];
  const working = workingDayTest(calendar);
  const found = shiftsStartingIn(new Date(from.getTime() - 24 * HOUR), to, shifts, tz);
  return found
    .filter((s) => working(inZone(s.start, tz).format('YYYY-MM-DD')))
    .map((s): [number, number] => [
      Math.max(s.start.getTime(), from.getTime()),
      Math.min(s.end.getTime(), to.getTime()),
    ])
    .filter(([start, end]) => end > start);
}

/**
 * One machine's uptime figures over a period cut at now (`window`) and its shift spans: downtime
 * counts only inside shifts, an open one up to the end of the window.
 */
export function uptimeOf(
  window: { from: Date; to: Date },
  spans: Array<[number, number]>,
  downtimes: DowntimeSpan[],
  standardMinutes: number,
  firstPassYield: number | null,
): Uptime {
  const start = window.from.getTime();
  const end = window.to.getTime();
  const planned = spans.reduce((sum, [s, e]) => sum + (e - s), 0);
  let down = 0;
  for (const d of downtimes) {
    const from = d.startedAt.getTime();
    const to = d.endedAt?.getTime() ?? end;
    for (const [s, e] of spans) down += Math.max(0, Math.min(e, to) - Math.max(s, from));
  }
  const run = planned - down;
  const availability = planned > 0 ? run / planned : null;
  const performance = run > 0 ? standardMinutes / (run / 60_000) : null;
  const repairs = downtimes.filter((d) => d.repair);
  const repaired = repairs.flatMap((d) =>
    d.endedAt && d.endedAt.getTime() <= end ? [(d.endedAt.getTime() - d.startedAt.getTime()) / HOUR] : [],
  );
  const failures = repairs.filter((d) => d.startedAt.getTime() >= start).length;
  return {
    plannedHours: planned / HOUR,
    downHours: down / HOUR,
    availability,
    performance,
    oee:
      availability === null || performance === null || firstPassYield === null
        ? null
        : availability * performance * firstPassYield,
    mttrHours: repaired.length > 0 ? repaired.reduce((a, b) => a + b, 0) / repaired.length : null,
    mtbfHours: failures > 0 ? run / HOUR / failures : null,
  };
}
