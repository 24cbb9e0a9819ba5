import type { AppServices } from '../../app-services.js';
import { defineJob } from '../../jobs/scheduler.js';
import { escalateOverdueRepairs } from '../repairs/repair-escalation.js';

export const REPAIR_LIMITS_JOB = 'equipment:repair-limits';

/** Every minute: repair tickets past their step's time limit go to the supervisors. */
export function repairLimitsJob(s: AppServices) {
  return defineJob({
    name: REPAIR_LIMITS_JOB,
    recurring: { cron: '* * * * *' },
    concurrency: 1,
    async run() {
      await escalateOverdueRepairs({ ...s, em: s.orm.em.fork() });
    },
  });
}
