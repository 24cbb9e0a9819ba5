import { defineCapability } from '../capabilities/capability.js';
import { exportCommand } from './commands/export-command.js';
import { erpExportConfig } from './config.js';
import { exportDownloads } from './download-page.js';
import { ExportFile } from './export-file.entity.js';
import { nightlyExportJob } from './jobs/nightly-export.job.js';

/** The ERP bridge: the day's completions and material consumption as files 用友 / 金蝶 import. */
export const erpCapability = defineCapability({
  name: 'erp',
  entities: [ExportFile],
  config: erpExportConfig,
  events: { emits: ['erp.export_written'] },
  chat: { commands: [exportCommand] },
  jobs: (services) => [nightlyExportJob(services)],
  pages: exportDownloads,
});
