import type { IncentiveEvent, PointTrigger } from '../capabilities/point-trigger.js';
import { MaintenanceTask } from './maintenance/maintenance-task.entity.js';
import { equipmentPointWords as w } from './messages.js';
import { RepairTicket } from './repairs/repair-ticket.entity.js';

const minutes = (ms: number) => Math.round(ms / 60_000);

/** One event per repair ticket archived by its 验收; it pays the technician who repaired it. */
export const repairAcceptedTrigger: PointTrigger = {
  name: 'repair_accepted',
  label: w.repairAccepted,
  fields: {
    /** The ticket's whole time limit: the sum of its steps' limits in factory.yaml. */
    limitMinutes: { type: 'number', label: w.fields.limitMinutes },
    /** From 报修 to 验收: the machine's downtime for this ticket. */
    repairMinutes: { type: 'number', label: w.fields.repairMinutes },
    /** limitMinutes − repairMinutes: positive when the repair beat its time limit. */
    minutesUnderLimit: { type: 'number', label: w.fields.minutesUnderLimit },
    equipment: { type: 'string', label: w.fields.equipment },
  },
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
export const maintenanceDoneTrigger: PointTrigger = {
  name: 'maintenance_done',
  label: w.maintenanceDone,
  fields: {
    /** Minutes between completion and the task's deadline (after any 延期); negative when overdue. */
    minutesBeforeDue: { type: 'number', label: w.fields.minutesBeforeDue },
    equipment: { type: 'string', label: w.fields.equipment },
    /** The plan's id (factory.yaml) or P<n> (made in chat). */
    plan: { type: 'string', label: w.fields.plan },
  },
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
