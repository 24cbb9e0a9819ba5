import type { AppServices } from './app-services.js';
import { morningDigestJob } from './digest/jobs/morning-digest.job.js';
import type { JobDefinition } from './jobs/scheduler.js';

/** Every scheduled job of the application; each is a thin call into a capability's service. */
export function jobDefinitions(s: AppServices): Array<JobDefinition<never>> {
  return [morningDigestJob(s)] as Array<JobDefinition<never>>;
}
