import type { OperationTask } from '../../workorders/operation-task.entity.js';
import type { Inspection } from './inspection.entity.js';

declare module '../../events/domain-events.js' {
  interface DomainEvents {
    /**
     * 终检 rejected pieces of an order's last operation (`task`) for a reason code from
     * factory.yaml `quality.rejectReasons`. Published in the inspection's transaction.
     */
    'quality.pieces_rejected': {
      inspection: Inspection;
      task: OperationTask;
      rejected: number;
      reasonCode: string;
    };
  }
}

export const inspectionEvents = ['quality.pieces_rejected'] as const;
