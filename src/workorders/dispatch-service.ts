import type { Services } from '../services.js';
import type { Actor } from '../chat/audit/actor.js';
import { recordAudit } from '../chat/audit/actor.js';
import { Equipment } from '../equipment/equipment.entity.js';
import { Person } from '../people/person.entity.js';
import { Team } from '../people/team.entity.js';
import { RefusedError } from '../shared/errors.js';
import { issueCard } from '../chat/cards/issue-card.js';
import { workOrderMessages as m } from './messages.js';
import { cardChanged, type OperationTask } from './operation-task.entity.js';
import { RoutingStep } from './routing-step.entity.js';
import type { OrderWithTasks } from './task-lookup.js';
import { taskCardSpec, taskSubject } from './task-view.js';

export type DispatchTarget = { kind: 'person'; personId: string } | { kind: 'team'; teamId: string };

/**
 * 派工: gives an operation to a worker or a team and sends them its card. Equipment named
 * by the lead wins; otherwise the one machine of the step's type in that team, if there is one.
 */
export async function dispatchTask(
  deps: Services,
  actor: Actor,
  loaded: OrderWithTasks,
  task: OperationTask,
  target: DispatchTarget,
  equipmentCode: string | undefined,
): Promise<string> {
  const { em } = deps;
  const { order } = loaded;
  if (!['released', 'in_progress'].includes(order.status)) {
    throw new RefusedError('order_not_open', m.orderNotReleased(order.number, order.status, '派工'));
  }
  if (task.status === 'in_progress' || task.status === 'done') {
    throw new RefusedError(
      'task_busy',
      m.cannotRedispatch(order.number, task.name, m.taskStatusNames[task.status] ?? ''),
    );
  }
  const person =
    target.kind === 'person' ? await em.findOneOrFail(Person, target.personId, { populate: ['team'] }) : null;
  const teamId = target.kind === 'team' ? target.teamId : person?.team?.id;
  task.assignee = person;
  task.team = teamId === undefined ? null : em.getReference(Team, teamId);
  if (equipmentCode !== undefined) {
    const equipment = await em.findOne(Equipment, { code: equipmentCode.toUpperCase() });
    if (!equipment) throw new RefusedError('equipment_not_found', m.equipmentUnknown(equipmentCode));
    task.equipment = equipment;
  } else if (!task.equipment) {
    const step = await stepEquipmentType(deps, loaded, task);
    const candidates = step
      ? await em.find(Equipment, { type: step, ...(teamId ? { team: teamId } : {}) })
      : [];
    if (candidates.length === 1) task.equipment = candidates[0] ?? null;
  }
  task.status = 'dispatched';
  cardChanged(task);
  const targetName = person?.name ?? (teamId ? (await em.findOneOrFail(Team, teamId)).name : '');
  recordAudit(em, actor, 'task.dispatch', 'task', task.id, { order: order.number, to: target });

  const card = {
    kind: 'card',
    card: issueCard(em, deps.clock, 'task', taskSubject(task), taskCardSpec(loaded, task)),
  } as const;
  const note = person
    ? m.youGotTask(order.number, task.name, actor.person.name)
    : m.teamGotTask(order.number, task.name, actor.person.name, targetName);
  const recipient = person
    ? ({ kind: 'person', personId: person.id } as const)
    : ({ kind: 'team', teamId: teamId ?? '' } as const);
  await deps.outbox.enqueue(em, recipient, { kind: 'text', text: note });
  await deps.outbox.enqueue(em, recipient, card);
  return targetName;
}

async function stepEquipmentType(
  deps: Services,
  loaded: OrderWithTasks,
  task: OperationTask,
): Promise<string | null> {
  const step = await deps.em.findOne(RoutingStep, { item: loaded.order.item, sequence: task.sequence });
  return step?.equipmentType ?? null;
}
