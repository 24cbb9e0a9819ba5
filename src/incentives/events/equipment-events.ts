import { MaintenanceTask } from '../../equipment/maintenance/maintenance-task.entity.js';
import { RepairTicket } from '../../equipment/repairs/repair-ticket.entity.js';
import type { EventSource, IncentiveEvent } from './incentive-event.js';

const minutes = (ms: number) => Math.round(ms / 60_000);

/** One event per repair ticket archived by its 验收; it pays the technician who repaired it. */
export const repairAcceptedEvents: EventSource = {
  trigger: 'repair_accepted',
  settleMs: 0,
  async read(em, from, to, { config }) {
    const tickets = await em.find(
      RepairTicket,
      { state: 'archived', archivedAt: { $gt: from, $lte: to } },
      { populate: ['equipment'], orderBy: { archivedAt: 'asc', id: 'asc' } },
    );
    const { acceptMinutes, startMinutes, repairMinutes, verifyMinutes } = config.repairs;
    const limitMinutes = acceptMinutes + startMinutes + repairMinutes + verifyMinutes;
    return tickets.flatMap((t): IncentiveEvent[] => {
      if (!t.technician || !t.archivedAt) return [];
      const took = minutes(t.archivedAt.getTime() - t.reportedAt.getTime());
      return [
        {
          key: `repair_accepted:${t.id}`,
          personId: t.technician.id,
          occurredAt: t.archivedAt,
          fields: {
            limitMinutes,
            repairMinutes: took,
            minutesUnderLimit: limitMinutes - took,
            equipment: t.equipment.code,
          },
        },
      ];
    });
  },
};

/** One event per maintenance task done; it pays the person who completed it. */
export const maintenanceDoneEvents: EventSource = {
  trigger: 'maintenance_done',
  settleMs: 0,
  async read(em, from, to) {
    const tasks = await em.find(
      MaintenanceTask,
      { status: 'done', doneAt: { $gt: from, $lte: to } },
      { populate: ['plan'], orderBy: { doneAt: 'asc', id: 'asc' } },
    );
    return tasks.flatMap((t): IncentiveEvent[] =>
      t.doneBy && t.doneAt
        ? [
            {
              key: `maintenance_done:${t.id}`,
              personId: t.doneBy.id,
              occurredAt: t.doneAt,
              fields: {
                minutesBeforeDue: minutes(t.deadline.getTime() - t.doneAt.getTime()),
                equipment: t.equipment.code,
                plan: t.plan.code,
              },
            },
          ]
        : [],
    );
  },
};
