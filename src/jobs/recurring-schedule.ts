/**
 * When a recurring job runs, in the factory's own time: every day at a wall-clock time, or a
 * cron expression (five fields, or six with seconds first). Either is read in the factory
 * time zone, so `07:30` in Asia/Shanghai runs at 23:30 UTC the day before.
 */
export type RecurringSchedule = { dailyAt: string } | { cron: string };

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The interval Agenda's `every()` takes for this schedule; refuses what it cannot read. */
export function agendaInterval(schedule: RecurringSchedule): string {
  if ('dailyAt' in schedule) {
    const match = HH_MM.exec(schedule.dailyAt);
    if (!match) throw new Error(`dailyAt must look like HH:mm, got "${schedule.dailyAt}"`);
    return `${Number(match[2])} ${Number(match[1])} * * *`;
  }
  const fields = schedule.cron.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) {
    throw new Error(`cron must have 5 fields (or 6 with seconds), got "${schedule.cron}"`);
  }
  return fields.join(' ');
}
