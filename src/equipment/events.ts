import type { MaintenanceTask } from './maintenance/maintenance-task.entity.js';
import type { RepairState, RepairTicket } from './repairs/repair-ticket.entity.js';

declare module '../events/domain-events.js' {
  interface DomainEvents {
    /** A repair ticket moved (报修 opens it with `from` null); `by` is the person who moved it. */
    'equipment.repair_step': {
      ticket: RepairTicket;
      from: RepairState | null;
      to: RepairState;
      at: Date;
      by: string;
      note: string | null;
    };
    /** A maintenance task was taken (接单), done (完成) or postponed (延期). */
    'equipment.maintenance_step': {
      task: MaintenanceTask;
      step: 'accepted' | 'done' | 'postponed';
      at: Date;
      by: string;
    };
  }
}

export const equipmentEvents = ['equipment.repair_step', 'equipment.maintenance_step'] as const;
