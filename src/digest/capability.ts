import { defineCapability } from '../capabilities/capability.js';
import { digestConfig } from './config.js';
import { dailyReportCommand } from './daily-report-command.js';
import { digestEvents } from './events.js';
import { morningDigestJob } from './jobs/morning-digest.job.js';

/** Yesterday's figures for the supervisor at 07:30, and `日报` on demand. */
export const digestCapability = defineCapability({
  name: 'digest',
  config: digestConfig,
  events: { emits: digestEvents },
  chat: { commands: [dailyReportCommand] },
  jobs: (s) => [morningDigestJob(s)],
});
