import type { RepairsConfig } from '../config.js';
import type { RepairState } from './repair-ticket.entity.js';

/** Each open state's time limit in minutes: how long the ticket may wait there before escalating. */
export function limitMinutes(state: RepairState, limits: RepairsConfig): number | undefined {
  switch (state) {
    case 'reported':
      return limits.acceptMinutes;
    case 'accepted':
      return limits.startMinutes;
    case 'repairing':
      return limits.repairMinutes;
    case 'verifying':
      return limits.verifyMinutes;
    case 'archived':
      return undefined;
  }
}
