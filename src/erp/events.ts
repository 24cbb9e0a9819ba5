import type { ExportFile } from './export-file.entity.js';

declare module '../events/domain-events.js' {
  interface DomainEvents {
    /** The nightly ERP files for a production day are in the export folder. */
    'erp.export_written': { export: ExportFile; files: string[] };
  }
}

export {};
