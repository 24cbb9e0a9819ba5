import { defineCapability } from '../capabilities/capability.js';
import { kpiConfig } from './config.js';
import { weeklyKpiJob } from './jobs/weekly-kpi.job.js';
import { kpiCommand } from './kpi-command.js';

/** Whether the system pays off: response times, closure, on-time delivery and yield against paper days. */
export const kpiCapability = defineCapability({
  name: 'kpi',
  config: kpiConfig,
  chat: { commands: [kpiCommand] },
  jobs: (s) => [weeklyKpiJob(s)],
});
