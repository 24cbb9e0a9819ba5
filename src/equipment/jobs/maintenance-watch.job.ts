import type { AppServices } from '../../app-services.js';
import { defineJob } from '../../jobs/scheduler.js';
import { scanMaintenance } from '../maintenance/maintenance-scan.js';

export const MAINTENANCE_WATCH_JOB = 'equipment:maintenance';

/**
 * Hourly (off the full hour: the platforms ask bots not to push at :00): plans that came
 * due by the calendar, heads-ups, and overdue maintenance. A gateway reading or a 报工 runs
 * the same scan for its machine as soon as it is committed; this pass catches the rest.
 */
export function maintenanceWatchJob(s: AppServices) {
  return defineJob({
    name: MAINTENANCE_WATCH_JOB,
    recurring: { cron: '3 * * * *' },
    concurrency: 1,
    async run() {
      await scanMaintenance({ ...s, em: s.orm.em.fork() });
    },
  });
}
