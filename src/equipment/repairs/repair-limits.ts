import type { RepairsConfig } from '../config.js';
import type { RepairState, RepairTicket } from './repair-ticket.entity.js';

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

/** When the ticket's time in its current state runs out; undefined for a state without a limit. */
export function limitEndsAt(ticket: RepairTicket, limits: RepairsConfig): Date | undefined {
  const limit = limitMinutes(ticket.state as RepairState, limits);
  return limit === undefined ? undefined : new Date(ticket.stateSince.getTime() + limit * 60_000);
}
