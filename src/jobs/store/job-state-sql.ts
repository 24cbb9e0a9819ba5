import type { JobState } from 'agenda';

/**
 * Agenda's `computeJobState()` as an SQL expression, so that `queryJobs({ state })` can filter
 * and page in the database and `getJobsOverview()` can count in one grouped query. The order
 * of the branches is Agenda's; the two placeholders both take "now".
 */
export const JOB_STATE_SQL = `case
  when \`locked_at\` is not null then 'running'
  when \`failed_at\` is not null and (\`last_finished_at\` is null or \`failed_at\` >= \`last_finished_at\`) then 'failed'
  when \`repeat_interval\` is not null then 'repeating'
  when \`next_run_at\` > ? then 'scheduled'
  when \`next_run_at\` <= ? then 'queued'
  else 'completed'
end`;

export const JOB_STATES = ['running', 'scheduled', 'queued', 'completed', 'failed', 'repeating'] as const;

export function isJobState(value: string): value is Exclude<JobState, 'paused'> {
  return (JOB_STATES as readonly string[]).includes(value);
}
