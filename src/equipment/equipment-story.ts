import type { EntityManager } from '@mikro-orm/core';
import { inZone } from '../shared/time.js';
import { minutesBetween } from './downtime-service.js';
import { Downtime } from './downtime.entity.js';
import type { Equipment } from './equipment.entity.js';
import { MaintenanceTask } from './maintenance/maintenance-task.entity.js';
import { dueText, planOutlooks } from './maintenance/outlook.js';
import { deadlineTime, shortTime } from './maintenance/task-view.js';
import { equipmentMessages as m, hoursOf } from './messages.js';
import { RepairTicket } from './repairs/repair-ticket.entity.js';

/** `设备 CNC-01`: status, hours, next maintenance, what is open, and the recent history. */
export async function equipmentStory(
  em: EntityManager,
  equipment: Equipment,
  now: Date,
  tz: string,
): Promise<string> {
  const facts = [
    equipment.location ? m.location(equipment.location) : '',
    equipment.model ? m.model(equipment.model) : '',
    equipment.commissionedOn ? m.commissioned(equipment.commissionedOn) : '',
  ].filter(Boolean);
  const outlook = (await planOutlooks(em, now, tz, equipment.code)).get(equipment.code) ?? [];
  const openTasks = await em.find(
    MaintenanceTask,
    { equipment: equipment.code, status: { $ne: 'done' } },
    { populate: ['plan'], orderBy: { id: 'asc' } },
  );
  const openTickets = await em.find(
    RepairTicket,
    { equipment: equipment.code, state: { $ne: 'archived' } },
    { populate: ['technician'], orderBy: { id: 'asc' } },
  );
  return [
    m.equipmentHeader(equipment.code, equipment.name, m.statusNames[equipment.status] ?? equipment.status),
    m.equipmentFacts(hoursOf(equipment.runningMinutes), facts),
    m.nextMaintenanceTitle,
    ...(outlook.length === 0
      ? [m.noPlans]
      : outlook.map((o) => m.planLine(o.planName, dueText(o.state, equipment, now, tz), o.state.inLead))),
    ...openTasks.map((t) =>
      m.openTaskLine(
        t.id,
        t.plan.name,
        m.taskStatusNames[t.status] ?? t.status,
        deadlineTime(t.deadline, tz),
        t.deadline.getTime() < now.getTime(),
      ),
    ),
    m.openTicketsTitle,
    ...(openTickets.length === 0
      ? [m.nothingOpen]
      : openTickets.map((t) =>
          m.ticketLine(
            t.id,
            t.symptom,
            m.repairStateNames[t.state] ?? t.state,
            shortTime(t.stateSince, tz),
            t.technician?.name,
          ),
        )),
    ...(await history(em, equipment, tz)),
  ].join('\n');
}

async function history(em: EntityManager, equipment: Equipment, tz: string): Promise<string[]> {
  const done = await em.find(
    MaintenanceTask,
    { equipment: equipment.code, status: 'done' },
    { populate: ['plan', 'doneBy'], orderBy: { doneAt: 'desc' }, limit: 5 },
  );
  const downtimes = await em.find(
    Downtime,
    { equipment: equipment.code, endedAt: { $ne: null } },
    { populate: ['ticket'], orderBy: { endedAt: 'desc' }, limit: 5 },
  );
  const day = (at: Date) => inZone(at, tz).format('MM-DD');
  const entries = [
    ...done.map((t) => ({
      at: t.doneAt as Date,
      line: m.historyMaintenance(day(t.doneAt as Date), t.plan.name, t.doneBy?.name ?? ''),
    })),
    ...downtimes.map((d) => {
      const ended = d.endedAt as Date;
      const length = m.minutesText(minutesBetween(d.startedAt, ended));
      return {
        at: ended,
        line: d.ticket
          ? m.historyRepair(day(ended), d.ticket.id, d.ticket.symptom, length)
          : m.historyStop(day(d.startedAt), d.reason, length),
      };
    }),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, 5);
  return entries.length === 0 ? [] : [m.historyTitle, ...entries.map((e) => e.line)];
}
