import { unitOf, type AppServices } from '../../app-services.js';
import { defineJob } from '../../jobs/scheduler.js';
import { remindPatrols } from './patrol-service.js';

export const PATROLS_JOB = 'quality:patrols';

/** Every five minutes: 巡检 that came due (by hours or pieces) are reminded to QC. */
export function patrolsJob(s: AppServices) {
  return defineJob({
    name: PATROLS_JOB,
    recurring: { cron: '*/5 * * * *' },
    concurrency: 1,
    async run() {
      await remindPatrols(unitOf(s));
    },
  });
}
