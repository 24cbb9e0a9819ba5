import type { OperationTask } from './operation-task.entity.js';
import type { WorkReport } from './work-report.entity.js';

declare module '../events/domain-events.js' {
  interface DomainEvents {
    /** A 报工 was stored, with the operations it finished (the order too, when they were its last). */
    'workorders.report_recorded': { report: WorkReport; finished: readonly OperationTask[] };
    /** A 撤销 or 更正 stored `reversal`, whose signed quantities (and minutes) take back `original`'s. */
    'workorders.report_reversed': { original: WorkReport; reversal: WorkReport; label: string };
    /**
     * A 报工 with scrap is being stored (in its transaction, before any total moves): a subscriber
     * may `hold` some of the scrap back (e.g. for an approval); held pieces are not posted.
     */
    'workorders.scrap_reported': { report: WorkReport; hold(pieces: number): void };
  }
}

export const workOrderEvents = [
  'workorders.report_recorded',
  'workorders.report_reversed',
  'workorders.scrap_reported',
] as const;
