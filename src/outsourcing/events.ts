import type { OperationTask } from '../workorders/operation-task.entity.js';
import type { OutsourcingInspection } from './inspection.entity.js';
import type { OutsourcingOrder } from './outsourcing-order.entity.js';

declare module '../events/domain-events.js' {
  interface DomainEvents {
    /**
     * QC counted pieces back from a partner. `task` is the work order's operation the order was
     * sent for (null when it was sent for none): its accepted and concession pieces are already
     * that operation's good output, its rejected ones its scrap; rework pieces wait for the
     * reject flow, which a subscriber (quality) runs.
     */
    'outsourcing.qc_recorded': {
      order: OutsourcingOrder;
      inspection: OutsourcingInspection;
      task: OperationTask | null;
    };
  }
}

export const outsourcingEvents = ['outsourcing.qc_recorded'] as const;
