import type { Services } from '../../services.js';
import type { EntityManager } from '@mikro-orm/core';
import { recordAudit, type Actor } from '../../chat/audit/actor.js';
import { pushCard } from '../../chat/cards/push-card.js';
import { refreshCards } from '../../chat/cards/refresh-cards.js';
import { text } from '../../chat/outbound.js';
import { rowWriteLock } from '../../db/locking.js';
import { peopleWithRole } from '../../people/directory.js';
import { hasRole } from '../../people/person-view.js';
import { Person } from '../../people/person.entity.js';
import { RefusedError } from '../../shared/errors.js';
import type { Equipment } from '../equipment.entity.js';
import { settleStatus } from '../equipment-status.js';
import { equipmentMessages as m } from '../messages.js';
import { MaintenanceCycle } from './maintenance-cycle.entity.js';
import type { MaintenancePlan } from './maintenance-plan.entity.js';
import { MaintenanceTask } from './maintenance-task.entity.js';
import { responsibleFor } from './responsible.js';
import {
  loadMaintenanceTask,
  MAINTENANCE_CARD,
  maintenanceCardSpec,
  maintenanceSubject,
  deadlineTime,
} from './task-view.js';

const HOUR = 3_600_000;

/**
 * Makes the task of a round that came due and sends its card to whoever is responsible.
 * The insert comes first: the (plan, equipment, cycle) key makes a concurrent scan fail here.
 * Its deadline counts from when it came due (`due.since`: 00:00 of a calendar round's day), not
 * from when a scan found it: a scan a few minutes after midnight, or after the server was down,
 * does not move it.
 */
export async function createDueTask(
  deps: Services,
  plan: MaintenancePlan,
  equipment: Equipment,
  cycle: number,
  due: { by: 'hours' | 'days'; since: Date },
): Promise<MaintenanceTask> {
  const { em, clock, config, outbox, tz } = deps;
  const now = clock.now();
  const created = em.create(MaintenanceTask, {
    plan,
    equipment,
    cycle,
    dueReason: due.by,
    createdAt: now,
    deadline: new Date(due.since.getTime() + config.maintenance.doneWithinHours * HOUR),
  });
  await em.flush();
  const task = (await loadMaintenanceTask(em, created.id)) as MaintenanceTask;
  const recipients = (await responsibleFor(em, config, plan)).recipients;
  const spec = await maintenanceCardSpec(em, config, task, tz, now);
  await pushCard(em, clock, outbox, recipients, MAINTENANCE_CARD, maintenanceSubject(task), spec);
  return task;
}

/** A task by its id with its row locked for a change, or a refusal naming what was asked for. */
export async function taskForChange(em: EntityManager, id: number, ref: string): Promise<MaintenanceTask> {
  const locked = await em.findOne(MaintenanceTask, id, rowWriteLock(em));
  const task = locked ? await loadMaintenanceTask(em, locked.id) : null;
  if (!task) throw new RefusedError('maintenance_unknown', m.taskUnknown(ref));
  if (task.status === 'done') throw new RefusedError('maintenance_done', m.taskAlreadyDone(task.id));
  return task;
}

/** The maintenance crew, leads and supervisors may act on any task; the plan's own person on theirs. */
export function assertMayMaintain(actor: Actor, task: MaintenanceTask): void {
  const own = task.plan.responsiblePerson?.id === actor.person.id;
  if (!own && !hasRole(actor.person, 'maintenance', 'team_lead', 'supervisor'))
    throw new RefusedError('not_maintenance', m.notYourMaintenance);
}

export async function acceptTask(deps: Services, actor: Actor, task: MaintenanceTask): Promise<void> {
  assertMayMaintain(actor, task);
  if (task.status !== 'open')
    throw new RefusedError('maintenance_taken', m.taskTaken(task.id, task.acceptedBy?.name ?? ''));
  Object.assign(task, {
    status: 'accepted',
    acceptedBy: deps.em.getReference(Person, actor.person.id),
    acceptedAt: actor.at,
    revision: task.revision + 1,
  });
  await deps.em.flush();
  await settleStatus(deps.em, task.equipment);
  recordAudit(deps.em, actor, 'maintenance.accept', 'maintenance_task', task.id, {});
  await deps.events.publish(deps, 'equipment.maintenance_step', {
    task,
    step: 'accepted',
    at: actor.at,
    by: actor.person.id,
  });
  await redraw(deps, task);
}

/**
 * 完成: refused while a required checklist item is unticked (it is never recorded as done;
 * whoever cannot do it postpones, which tells the supervisors); otherwise records what of the checklist was done, starts the plan's next round from the
 * machine's counter now, and lets the machine's status go back to what else is open on it.
 */
export async function completeTask(
  deps: Services,
  actor: Actor,
  task: MaintenanceTask,
  checked: string[],
  note: string | null,
): Promise<void> {
  const { em } = deps;
  assertMayMaintain(actor, task);
  const skipped = (task.plan.requiredItems ?? []).filter((item) => !checked.includes(item));
  if (skipped.length > 0)
    throw new RefusedError('required_check_missing', m.requiredItemsUnchecked(task.id, skipped));
  Object.assign(task, {
    status: 'done',
    doneBy: em.getReference(Person, actor.person.id),
    doneAt: actor.at,
    doneAtMinutes: task.equipment.runningMinutes,
    checked,
    note,
    acceptedBy: task.acceptedBy ?? em.getReference(Person, actor.person.id),
    acceptedAt: task.acceptedAt ?? actor.at,
    revision: task.revision + 1,
  });
  const cycle = await em.findOne(
    MaintenanceCycle,
    { plan: task.plan.id, equipment: task.equipment.code },
    rowWriteLock(em),
  );
  if (cycle && cycle.cycle === task.cycle) {
    Object.assign(cycle, {
      cycle: cycle.cycle + 1,
      baselineMinutes: task.equipment.runningMinutes,
      baselineAt: actor.at,
    });
  }
  await em.flush();
  await settleStatus(em, task.equipment);
  recordAudit(em, actor, 'maintenance.done', 'maintenance_task', task.id, { checked, note });
  await deps.events.publish(deps, 'equipment.maintenance_step', {
    task,
    step: 'done',
    at: actor.at,
    by: actor.person.id,
  });
  await redraw(deps, task);
}

/** 延期: moves the deadline (escalation starts again from it) and tells the supervisors why. */
export async function postponeTask(
  deps: Services,
  actor: Actor,
  task: MaintenanceTask,
  days: number,
  reason: string,
): Promise<Date> {
  const { em, outbox, tz } = deps;
  assertMayMaintain(actor, task);
  const from = Math.max(task.deadline.getTime(), actor.at.getTime());
  const until = new Date(from + days * 24 * HOUR);
  Object.assign(task, {
    deadline: until,
    postponements: task.postponements + 1,
    postponeReason: reason,
    revision: task.revision + 1,
  });
  await em.flush();
  recordAudit(em, actor, 'maintenance.postpone', 'maintenance_task', task.id, { days, reason });
  await deps.events.publish(deps, 'equipment.maintenance_step', {
    task,
    step: 'postponed',
    at: actor.at,
    by: actor.person.id,
  });
  const alert = text(
    m.postponedAlert(
      actor.person.name,
      task.id,
      task.equipment.code,
      task.plan.name,
      deadlineTime(until, tz),
      reason,
    ),
  );
  for (const supervisor of await peopleWithRole(em, 'supervisor')) {
    await outbox.enqueue(em, { kind: 'person', personId: supervisor.id }, alert);
  }
  await redraw(deps, task);
  return until;
}

async function redraw(deps: Services, task: MaintenanceTask): Promise<void> {
  const fresh = (await loadMaintenanceTask(deps.em, task.id)) as MaintenanceTask;
  const spec = await maintenanceCardSpec(deps.em, deps.config, fresh, deps.tz, deps.clock.now());
  await refreshCards(deps.em, deps.clock, deps.outbox, MAINTENANCE_CARD, maintenanceSubject(fresh), spec);
}
