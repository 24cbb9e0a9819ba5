import type { EntityManager } from '@mikro-orm/core';
import { repairCard } from '../../../cards/repair-card.js';
import type { CardSpec, CardSubject } from '../../chat/cards/issue-card.js';
import type { RepairsConfig } from '../config.js';
import { equipmentMessages as m } from '../messages.js';
import { shortTime } from '../maintenance/task-view.js';
import { limitEndsAt, limitMinutes } from './repair-limits.js';
import { RepairTicket, type RepairState } from './repair-ticket.entity.js';

export const REPAIR_CARD = 'repair';

export const repairSubject = (ticket: RepairTicket): CardSubject => ({
  type: REPAIR_CARD,
  id: String(ticket.id),
  version: String(ticket.revision),
});

export async function loadTicket(em: EntityManager, id: number): Promise<RepairTicket | null> {
  return em.findOne(RepairTicket, id, { populate: ['equipment', 'reportedBy', 'technician', 'verifiedBy'] });
}

/**
 * The ticket's card (cards/repair-card.ts) as the ticket stands at `now`: past its state's time
 * limit, the limit says so (the escalation redraws it then).
 */
export function repairCardSpec(ticket: RepairTicket, limits: RepairsConfig, tz: string, now: Date): CardSpec {
  const state = ticket.state as RepairState;
  const limit = limitMinutes(state, limits);
  const until = limitEndsAt(ticket, limits);
  const stateName = m.repairStateNames[state] ?? state;
  return repairCard({
    id: ticket.id,
    equipmentCode: ticket.equipment.code,
    equipmentName: ticket.equipment.name,
    symptom: ticket.symptom,
    reported: `${ticket.reportedBy.name} ${shortTime(ticket.reportedAt, tz)}`,
    technician: ticket.technician?.name ?? m.nobody,
    state,
    stateName,
    limit:
      limit === undefined || until === undefined
        ? undefined
        : m.limitText(stateName, limit, shortTime(until, tz), now.getTime() > until.getTime()),
    archivedNote: m.ticketArchivedNote(
      ticket.verifiedBy?.name ?? '',
      shortTime(ticket.archivedAt ?? ticket.stateSince, tz),
    ),
  });
}
