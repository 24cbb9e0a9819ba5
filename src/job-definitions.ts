import type { AppServices } from './app-services.js';
import { morningDigestJob } from './digest/jobs/morning-digest.job.js';
import { maintenanceWatchJob } from './equipment/jobs/maintenance-watch.job.js';
import { repairLimitsJob } from './equipment/jobs/repair-limits.job.js';
import { evaluateIncentivesJob } from './incentives/jobs/evaluate-incentives.job.js';
import { weeklyLeaderboardJob } from './incentives/jobs/weekly-leaderboard.job.js';
import type { JobDefinition } from './jobs/scheduler.js';
import { outsourcingRemindersJob } from './outsourcing/jobs/reminders.job.js';

/** Every scheduled job of the application; each is a thin call into a capability's service. */
export function jobDefinitions(s: AppServices): Array<JobDefinition<never>> {
  return [
    morningDigestJob(s),
    outsourcingRemindersJob(s),
    evaluateIncentivesJob(s),
    weeklyLeaderboardJob(s),
    maintenanceWatchJob(s),
    repairLimitsJob(s),
  ] as Array<JobDefinition<never>>;
}
