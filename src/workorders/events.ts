import type { OperationTask } from './operation-task.entity.js';
import type { ProductionException } from './production-exception.entity.js';
import type { WorkOrder } from './work-order.entity.js';
import type { WorkReport } from './work-report.entity.js';

declare module '../events/domain-events.js' {
  interface DomainEvents {
    /** A 报工 was stored, with the operations it finished (the order too, when they were its last). */
    'workorders.report_recorded': { report: WorkReport; finished: readonly OperationTask[] };
    /**
     * A 撤销 (`undo`) or 更正 (`correction`) stored `reversal`, whose signed quantities (and, for
     * an undo, minutes) bring `original` from where it stood to where it stands now. Every
     * reversal points at the original; `supersedes` is the one that set where it stood (the
     * previous correction, or the original itself).
     */
    'workorders.report_reversed': {
      original: WorkReport;
      reversal: WorkReport;
      supersedes: WorkReport;
      label: string;
      kind: 'undo' | 'correction';
    };
    /** A planned order was released (下达) to the shop floor. */
    'workorders.order_released': { order: WorkOrder };
    /** The last operation of an order got done: the order is completed (after its report_recorded). */
    'workorders.order_completed': { order: WorkOrder };
    /** Someone raised a production exception (异常); its id is set. */
    'workorders.exception_raised': { exception: ProductionException; orderNumber: string | null };
    /** An exception was closed (关闭), with the closer's note. */
    'workorders.exception_closed': { exception: ProductionException; orderNumber: string | null };
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
  'workorders.order_released',
  'workorders.order_completed',
  'workorders.exception_raised',
  'workorders.exception_closed',
  'workorders.scrap_reported',
] as const;
