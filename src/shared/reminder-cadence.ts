const HOUR = 3_600_000;

/** A chase cadence in hours, as outsourcing's `reminders:` and `maintenance:` give it. */
export interface ReminderCadence {
  warnHours: number;
  repeatHours: number;
  escalateHours: number;
  supervisorHours: number;
}

/**
 * One reminder of a cadence. `coordinator` is the first escalation (the order's coordinator
 * for outsourcing, the team lead for maintenance); `supervisor` the second.
 */
export interface DueReminder {
  kind: 'warn' | 'overdue' | 'coordinator' | 'supervisor';
  slot: number;
}

/**
 * Which reminders something due at `expected` should have had by `now`: one heads-up within
 * the warning window; past the due time (strictly), an overdue reminder every `repeatHours`
 * starting at once (slot n from expected + n·repeat), and one escalation each to the first
 * and the second escalation level once late by their thresholds.
 */
export function dueReminders(expected: Date, now: Date, r: ReminderCadence): DueReminder[] {
  const late = now.getTime() - expected.getTime();
  if (late <= 0) return r.warnHours > 0 && -late <= r.warnHours * HOUR ? [{ kind: 'warn', slot: 0 }] : [];
  const due: DueReminder[] = [{ kind: 'overdue', slot: Math.floor(late / (r.repeatHours * HOUR)) }];
  if (late >= r.escalateHours * HOUR) due.push({ kind: 'coordinator', slot: 0 });
  if (late >= r.supervisorHours * HOUR) due.push({ kind: 'supervisor', slot: 0 });
  return due;
}
