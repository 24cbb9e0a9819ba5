import type { EntityManager } from '@mikro-orm/core';
import type { CardSpec, CardSubject } from '../../chat/cards/issue-card.js';
import type { FactoryConfig } from '../../config/factory-config.js';
import { inZone } from '../../shared/time.js';
import { equipmentMessages as m } from '../messages.js';
import { MaintenanceTask } from './maintenance-task.entity.js';
import { responsibleFor } from './responsible.js';

export const MAINTENANCE_CARD = 'maintenance';

export const maintenanceSubject = (task: MaintenanceTask): CardSubject => ({
  type: MAINTENANCE_CARD,
  id: String(task.id),
  version: String(task.revision),
});

export const shortTime = (at: Date, tz: string) => inZone(at, tz).format('MM-DD HH:mm');

/** A task with what its card shows. */
export async function loadMaintenanceTask(em: EntityManager, id: number): Promise<MaintenanceTask | null> {
  return em.findOne(MaintenanceTask, id, {
    populate: ['plan', 'equipment', 'acceptedBy', 'doneBy'],
  });
}

/** The maintenance task's card: 接单 / 完成 / 延期 while it is open, a note once it is done. */
export async function maintenanceCardSpec(
  em: EntityManager,
  config: FactoryConfig,
  task: MaintenanceTask,
  tz: string,
): Promise<CardSpec> {
  const { plan, equipment } = task;
  const who = task.acceptedBy?.name ?? (await responsibleFor(em, config, plan)).label;
  const fields = [
    { label: m.fieldEquipment, value: `${equipment.code} ${equipment.name}` },
    {
      label: m.fieldDue,
      value:
        task.dueReason === 'hours' ? m.dueByHours(plan.everyHours ?? 0) : m.dueByDays(plan.everyDays ?? 0),
    },
    { label: m.fieldDeadline, value: shortTime(task.deadline, tz) },
    { label: m.fieldChecklist, value: plan.checklist.length > 0 ? plan.checklist.join('、') : '—' },
    { label: m.fieldResponsible, value: who },
    { label: m.fieldStatus, value: m.taskStatusNames[task.status] ?? task.status },
  ];
  const title = m.taskTitle(task.id, equipment.code, plan.name);
  if (task.status === 'done') {
    return {
      title,
      fields,
      buttons: [],
      closedNote: m.taskDoneNote(task.doneBy?.name ?? '', task.doneAt ? shortTime(task.doneAt, tz) : ''),
    };
  }
  return {
    title,
    fields,
    buttons: [
      ...(task.status === 'open'
        ? [{ text: m.buttonAccept, action: 'accept', style: 'primary' as const }]
        : []),
      {
        text: m.buttonDone,
        action: 'done',
        ...(task.status === 'accepted' ? { style: 'primary' as const } : {}),
      },
      { text: m.buttonPostpone, action: 'postpone' },
    ],
  };
}
