import type { EntityManager } from '@mikro-orm/core';
import type { CardSpec, CardSubject } from '../../chat/cards/issue-card.js';
import type { RepairsConfig } from '../../config/factory-config.js';
import { equipmentMessages as m } from '../messages.js';
import { shortTime } from '../maintenance/task-view.js';
import { limitMinutes } from './repair-limits.js';
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

const buttonsFor: Record<RepairState, CardSpec['buttons']> = {
  reported: [{ text: m.buttonAccept, action: 'accept', style: 'primary' }],
  accepted: [{ text: m.buttonStart, action: 'start', style: 'primary' }],
  repairing: [{ text: m.buttonRepaired, action: 'repaired', style: 'primary' }],
  verifying: [
    { text: m.buttonPass, action: 'pass', style: 'primary' },
    { text: m.buttonFail, action: 'fail', style: 'danger' },
  ],
  archived: [],
};

/** The ticket's card: one button row per state, so whoever holds it sees the next step. */
export function repairCardSpec(ticket: RepairTicket, limits: RepairsConfig, tz: string): CardSpec {
  const limit = limitMinutes(ticket.state as RepairState, limits);
  const state = m.repairStateNames[ticket.state] ?? ticket.state;
  const fields = [
    { label: m.fieldEquipment, value: `${ticket.equipment.code} ${ticket.equipment.name}` },
    { label: m.fieldSymptom, value: ticket.symptom },
    { label: m.fieldReporter, value: `${ticket.reportedBy.name} ${shortTime(ticket.reportedAt, tz)}` },
    { label: m.fieldTechnician, value: ticket.technician?.name ?? m.nobody },
    { label: m.fieldStatus, value: state },
    ...(limit === undefined
      ? []
      : [
          {
            label: m.fieldLimit,
            value: m.limitText(
              state,
              limit,
              shortTime(new Date(ticket.stateSince.getTime() + limit * 60_000), tz),
            ),
          },
        ]),
  ];
  const title = m.ticketTitle(ticket.id, ticket.equipment.code, ticket.equipment.name);
  if (ticket.state === 'archived') {
    return {
      title,
      fields,
      buttons: [],
      closedNote: m.ticketArchivedNote(
        ticket.verifiedBy?.name ?? '',
        shortTime(ticket.archivedAt ?? ticket.stateSince, tz),
      ),
    };
  }
  return { title, fields, buttons: buttonsFor[ticket.state as RepairState] };
}
