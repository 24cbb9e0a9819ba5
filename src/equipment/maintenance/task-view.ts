import type { EntityManager } from '@mikro-orm/core';
import { maintenanceCard } from '../../../cards/maintenance-card.js';
import type { CardSpec, CardSubject } from '../../chat/cards/issue-card.js';
import type { FactoryConfig } from '../../config/factory-config.js';
import { inZone } from '../../shared/time.js';
import { equipmentMessages as m } from '../messages.js';
import { MaintenanceTask, type MaintenanceTaskStatus } from './maintenance-task.entity.js';
import { responsibleFor } from './responsible.js';

export const MAINTENANCE_CARD = 'maintenance';

export const maintenanceSubject = (task: MaintenanceTask): CardSubject => ({
  type: MAINTENANCE_CARD,
  id: String(task.id),
  version: String(task.revision),
});

export const shortTime = (at: Date, tz: string) => inZone(at, tz).format('MM-DD HH:mm');

/**
 * A deadline at midnight is the end of the day before, as a due date is meant: 11-29 24:00,
 * not 11-30 00:00, which reads as a day later than the plan said.
 */
export function deadlineTime(at: Date, tz: string): string {
  const local = inZone(at, tz);
  return local.format('HH:mm') === '00:00'
    ? `${local.subtract(1, 'day').format('MM-DD')} 24:00`
    : local.format('MM-DD HH:mm');
}

/** A task with what its card shows. */
export async function loadMaintenanceTask(em: EntityManager, id: number): Promise<MaintenanceTask | null> {
  return em.findOne(MaintenanceTask, id, {
    populate: ['plan', 'equipment', 'acceptedBy', 'doneBy'],
  });
}

/**
 * The maintenance task's card (cards/maintenance-card.ts) as the task stands at `now`: past its
 * deadline and not done, the deadline says so (the first overdue reminder redraws it then).
 */
export async function maintenanceCardSpec(
  em: EntityManager,
  config: FactoryConfig,
  task: MaintenanceTask,
  tz: string,
  now: Date,
): Promise<CardSpec> {
  const overdue = task.status !== 'done' && now.getTime() > task.deadline.getTime();
  const { plan, equipment } = task;
  return maintenanceCard({
    id: task.id,
    equipmentCode: equipment.code,
    equipmentName: equipment.name,
    planName: plan.name,
    dueBecause:
      task.dueReason === 'hours' ? m.dueByHours(plan.everyHours ?? 0) : m.dueByDays(plan.everyDays ?? 0),
    deadline: `${deadlineTime(task.deadline, tz)}${overdue ? m.deadlinePassed : ''}`,
    checklist: plan.checklist,
    responsible: task.acceptedBy?.name ?? (await responsibleFor(em, config, plan)).label,
    status: task.status as MaintenanceTaskStatus,
    statusName: m.taskStatusNames[task.status] ?? task.status,
    doneNote: m.taskDoneNote(task.doneBy?.name ?? '', task.doneAt ? shortTime(task.doneAt, tz) : ''),
  });
}
