import type { IncentiveEvent, PointTrigger } from '../../capabilities/point-trigger.js';
import { shiftsStartingIn } from '../../shared/shifts.js';
import { workOrderPointWords as w } from '../messages.js';
import { workedOperations, type WorkedOperation } from '../worked-operations-lookup.js';

const DAY_MS = 86_400_000;

/**
 * One event per person and shift in which every operation they worked was reported through
 * the bot before the shift ended. It counts in the day and week the shift began.
 */
export const shiftReportedTrigger: PointTrigger = {
  name: 'shift_reported',
  label: w.shiftReported,
  fields: {
    /** Operations the person worked in the shift (all of them reported). */
    operations: { type: 'number', label: w.fields.operations },
    reports: { type: 'number', label: w.fields.reports },
    good: { type: 'number', label: w.fields.good },
    scrap: { type: 'number', label: w.fields.scrap },
    shift: { type: 'string', label: w.fields.shift },
  },
  explain: w.shiftPaid,
  settleMs: 5 * 60_000,
  async read(em, from, to, { config, tz }) {
    // A shift is read once it has ended; none lasts longer than a day.
    const ended = shiftsStartingIn(new Date(from.getTime() - DAY_MS), to, config.shifts, tz).filter(
      (s) => s.end > from && s.end <= to,
    );
    const byPersonAndShift = new Map<string, WorkedOperation[]>();
    for (const unit of await workedOperations(em, ended)) {
      const key = `${unit.personId}:${unit.shift.start.toISOString()}`;
      byPersonAndShift.set(key, [...(byPersonAndShift.get(key) ?? []), unit]);
    }
    const events: IncentiveEvent[] = [];
    for (const [key, units] of byPersonAndShift) {
      const [first] = units;
      if (!first || !units.every((u) => u.reported)) continue;
      events.push({
        key: `shift_reported:${key}`,
        personId: first.personId,
        occurredAt: first.shift.start,
        fields: {
          operations: units.length,
          reports: units.reduce((n, u) => n + u.reports, 0),
          good: units.reduce((n, u) => n + u.good, 0),
          scrap: units.reduce((n, u) => n + u.scrap, 0),
          shift: first.shift.name,
        },
      });
    }
    return events.sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.key.localeCompare(b.key),
    );
  },
};
