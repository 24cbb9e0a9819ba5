import { unitOf, type AppServices } from '../../app-services.js';
import { defineJob } from '../../jobs/scheduler.js';
import { nightlyExports } from '../export-service.js';

export const NIGHTLY_EXPORT_JOB = 'erp:nightly-export';

/**
 * Every night at `erpExport.at`: the last ended production day's files for the ERP to import,
 * when `erpExport.nightly` is on (declared either way, so turning it on needs no other change).
 */
export function nightlyExportJob(s: AppServices) {
  return defineJob({
    name: NIGHTLY_EXPORT_JOB,
    recurring: { dailyAt: s.config.erpExport.at },
    async run() {
      if (!s.config.erpExport.nightly) return;
      const written = await nightlyExports(unitOf(s));
      s.logger.info(
        { days: written.map((f) => f.fromDate), reports: written.map((f) => f.reportRows) },
        'nightly ERP export written',
      );
    },
  });
}
