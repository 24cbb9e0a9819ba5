import type { EntityManager } from '@mikro-orm/core';
import type { Recipient } from '../chat/outbound.js';
import type { Services } from '../services.js';
import type { Actor } from '../chat/audit/actor.js';
import { recordAudit } from '../chat/audit/actor.js';
import { peopleWithRole, teamLeads } from '../people/directory.js';
import { Person } from '../people/person.entity.js';
import { RefusedError } from '../shared/errors.js';
import { workOrderMessages as m } from './messages.js';
import type { OperationTask } from './operation-task.entity.js';
import { ProductionException, type ExceptionKind } from './production-exception.entity.js';
import type { OrderWithTasks } from './task-lookup.js';

const KIND_WORDS: Array<[ExceptionKind, RegExp]> = [
  ['material', /缺料|没料|材料|物料|断料/],
  ['equipment', /设备|机器|机床|故障|坏了|停机/],
  ['quality', /质量|不良|尺寸|超差|毛刺|划伤|缺陷/],
];

/** Workers describe a problem in their own words; the kind is read from them. */
export function exceptionKindOf(reason: string): ExceptionKind {
  return KIND_WORDS.find(([, words]) => words.test(reason))?.[0] ?? 'other';
}

export async function raiseException(
  deps: Services,
  actor: Actor,
  loaded: OrderWithTasks,
  task: OperationTask | undefined,
  reason: string,
): Promise<ProductionException> {
  const { em } = deps;
  const kind = exceptionKindOf(reason);
  const exception = em.create(ProductionException, {
    kind,
    workOrder: loaded.order,
    task: task ?? null,
    reason,
    raisedBy: actor.person.id,
    raisedAt: actor.at,
  });
  await em.flush(); // the id is the 异常号 people will quote
  recordAudit(em, actor, 'exception.raise', 'exception', exception.id, { kind, order: loaded.order.number });
  await deps.events.publish(deps, 'workorders.exception_raised', {
    exception,
    orderNumber: loaded.order.number,
  });
  const text = m.exceptionAlert(
    exception.id,
    m.exceptionKindNames[kind] ?? kind,
    loaded.order.number,
    reason,
    actor.person.name,
  );
  for (const recipient of await exceptionAudience(em, actor))
    await deps.outbox.enqueue(em, recipient, { kind: 'text', text });
  return exception;
}

/** Who is told of an exception a person raises: their team's leads and the supervisors, not themselves. */
export async function exceptionAudience(em: EntityManager, actor: Actor): Promise<Recipient[]> {
  const told = new Set<string>([actor.person.id]);
  const leads = actor.person.teamId ? (await teamLeads(em, actor.person.teamId)).map((id) => ({ id })) : [];
  const audience: Recipient[] = [];
  for (const person of [...leads, ...(await peopleWithRole(em, 'supervisor'))]) {
    if (told.has(person.id)) continue;
    told.add(person.id);
    audience.push({ kind: 'person', personId: person.id });
  }
  return audience;
}

export async function findException(deps: Services, ref: string): Promise<ProductionException> {
  const id = Number(/^E?(\d+)$/i.exec(ref.trim())?.[1]);
  const exception = Number.isInteger(id) ? await deps.em.findOne(ProductionException, id) : null;
  if (!exception) throw new RefusedError('exception_not_found', m.exceptionNotFound(ref));
  return exception;
}

export function acknowledgeException(deps: Services, actor: Actor, exception: ProductionException): void {
  if (exception.status === 'closed')
    throw new RefusedError('exception_closed', m.exceptionAlreadyClosed(exception.id));
  exception.status = 'acknowledged';
  exception.acknowledgedBy = deps.em.getReference(Person, actor.person.id);
  exception.acknowledgedAt = actor.at;
  recordAudit(deps.em, actor, 'exception.acknowledge', 'exception', exception.id);
}

/**
 * Closing an exception nobody acknowledged counts as acknowledging it at the same moment. The
 * closer's note (`关闭 E3 已补料`) stays with it for whoever looks at it later.
 */
export async function closeException(
  deps: Services,
  actor: Actor,
  exception: ProductionException,
  note: string | null = null,
): Promise<number> {
  if (exception.status === 'closed')
    throw new RefusedError('exception_closed', m.exceptionAlreadyClosed(exception.id));
  if (!exception.acknowledgedAt) acknowledgeException(deps, actor, exception);
  exception.status = 'closed';
  exception.closedBy = deps.em.getReference(Person, actor.person.id);
  exception.closedAt = actor.at;
  exception.closeNote = note === null ? null : note.slice(0, 500);
  recordAudit(deps.em, actor, 'exception.close', 'exception', exception.id, { note });
  await deps.events.publish(deps, 'workorders.exception_closed', {
    exception,
    orderNumber: (await deps.em.populate(exception, ['workOrder'])).workOrder?.number ?? null,
  });
  return Math.round((actor.at.getTime() - exception.raisedAt.getTime()) / 60_000);
}

/**
 * An exception raised by a form's alarming answer (设备点检 with the pressure out of limits):
 * about a machine or a team rather than an order, so it has no work order. Told to the
 * filler's team leads and the supervisors, as one raised in chat.
 */
export async function raiseFormException(
  deps: Services,
  actor: Actor,
  kind: ExceptionKind,
  reason: string,
): Promise<ProductionException> {
  const { em } = deps;
  const exception = em.create(ProductionException, {
    kind,
    workOrder: null,
    task: null,
    reason: reason.slice(0, 500),
    raisedBy: actor.person.id,
    raisedAt: actor.at,
  });
  await em.flush();
  recordAudit(em, actor, 'exception.raise', 'exception', exception.id, { kind, source: 'form' });
  const text = m.formExceptionAlert(
    exception.id,
    m.exceptionKindNames[kind] ?? kind,
    reason,
    actor.person.name,
  );
  for (const recipient of await exceptionAudience(em, actor))
    await deps.outbox.enqueue(em, recipient, { kind: 'text', text });
  return exception;
}
