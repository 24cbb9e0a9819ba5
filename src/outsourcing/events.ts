import type { OperationTask } from '../workorders/operation-task.entity.js';
import type { OutsourcingInspection } from './inspection.entity.js';
import type { OutsourcingOrder } from './outsourcing-order.entity.js';
import type { OutsourcingStateChange } from './state-change.entity.js';

declare module '../events/domain-events.js' {
  interface DomainEvents {
    /**
     * An outsourcing order was created or changed state (sent, back, QC…); `change` is the row of
     * its history that records it (`fromState` null on the creation).
     */
    'outsourcing.state_changed': { order: OutsourcingOrder; change: OutsourcingStateChange };
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
    /**
     * QC is counting pieces rejected to scrap on an order sent for a work order's operation, before
     * any total moves (in its transaction): a subscriber may `hold` some back (quality's scrap
     * approval); held pieces are not the operation's scrap.
     */
    'outsourcing.scrap_counted': {
      order: OutsourcingOrder;
      inspection: OutsourcingInspection;
      task: OperationTask;
      hold(pieces: number): void;
    };
  }
}

export const outsourcingEvents = [
  'outsourcing.state_changed',
  'outsourcing.qc_recorded',
  'outsourcing.scrap_counted',
] as const;
