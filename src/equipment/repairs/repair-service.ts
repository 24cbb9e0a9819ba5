import type { Services } from '../../services.js';
import type { EntityManager } from '@mikro-orm/core';
import { recordAudit, type Actor } from '../../chat/audit/actor.js';
import { pushCard } from '../../chat/cards/push-card.js';
import { refreshCards } from '../../chat/cards/refresh-cards.js';
import { text } from '../../chat/outbound.js';
import { rowWriteLock } from '../../db/locking.js';
import { hasRole } from '../../people/person-view.js';
import { Person } from '../../people/person.entity.js';
import { RefusedError } from '../../shared/errors.js';
import { minutesBetween, openStop } from '../downtime-service.js';
import { Downtime } from '../downtime.entity.js';
import type { Equipment } from '../equipment.entity.js';
import { settleStatus } from '../equipment-status.js';
import { equipmentMessages as m } from '../messages.js';
import { maintenanceCrew } from '../maintenance/responsible.js';
import { RepairStep } from './repair-step.entity.js';
import { RepairTicket, type RepairState } from './repair-ticket.entity.js';
import { loadTicket, REPAIR_CARD, repairCardSpec, repairSubject } from './repair-view.js';

/**
 * 报修: opens a ticket, starts the machine's downtime (or takes over a 停机 reported before)
 * and sends the ticket's card with 接单 to the maintenance team.
 */
export async function reportRepair(
  deps: Services,
  actor: Actor,
  equipment: Equipment,
  symptom: string,
): Promise<RepairTicket> {
  const { em, clock, config, outbox, tz } = deps;
  const ticket = em.create(RepairTicket, {
    equipment,
    symptom,
    reportedBy: em.getReference(Person, actor.person.id),
    reportedAt: actor.at,
    stateSince: actor.at,
  });
  em.create(RepairStep, { ticket, toState: 'reported', at: actor.at, by: actor.person.id });
  const stop = await openStop(em, equipment);
  if (stop) stop.ticket = ticket;
  else
    em.create(Downtime, {
      equipment,
      startedAt: actor.at,
      reason: symptom,
      reportedBy: actor.person.id,
      ticket,
    });
  await em.flush();
  await settleStatus(em, equipment);
  recordAudit(em, actor, 'repair.report', 'repair_ticket', ticket.id, { equipment: equipment.code, symptom });
  await deps.events.publish(deps, 'equipment.repair_step', {
    ticket,
    from: null,
    to: 'reported',
    at: actor.at,
    by: actor.person.id,
    note: null,
  });
  const loaded = (await loadTicket(em, ticket.id)) as RepairTicket;
  const spec = repairCardSpec(loaded, config.repairs, tz, clock.now());
  const crew = (await maintenanceCrew(em, config)).recipients;
  await pushCard(em, clock, outbox, crew, REPAIR_CARD, repairSubject(loaded), spec);
  return loaded;
}

/** A ticket by id with its row locked for a change, or a refusal. */
export async function ticketForChange(em: EntityManager, id: number, ref: string): Promise<RepairTicket> {
  const locked = await em.findOne(RepairTicket, id, rowWriteLock(em));
  const ticket = locked ? await loadTicket(em, locked.id) : null;
  if (!ticket) throw new RefusedError('repair_unknown', m.ticketUnknown(ref));
  return ticket;
}

/** 接单: a maintenance technician takes the ticket. */
export async function acceptRepair(deps: Services, actor: Actor, ticket: RepairTicket): Promise<void> {
  if (!hasRole(actor.person, 'maintenance')) throw new RefusedError('not_maintenance', m.notMaintenance);
  expectState(ticket, 'reported', '接单');
  ticket.technician = deps.em.getReference(Person, actor.person.id);
  await move(deps, actor, ticket, 'accepted', null);
  await tell(deps, ticket.reportedBy.id, m.repairAccepted(ticket.id, actor.person.name));
}

/** 开始维修: the technician is at the machine. */
export async function startRepair(deps: Services, actor: Actor, ticket: RepairTicket): Promise<void> {
  expectState(ticket, 'accepted', '开始维修');
  assertTechnician(deps.em, actor, ticket);
  await move(deps, actor, ticket, 'repairing', null);
}

/** 维修完成: hands the machine back for 验收, with what was done, to the reporter. */
export async function finishRepair(
  deps: Services,
  actor: Actor,
  ticket: RepairTicket,
  note: string,
): Promise<void> {
  expectState(ticket, 'repairing', '提交维修完成');
  assertTechnician(deps.em, actor, ticket);
  await move(deps, actor, ticket, 'verifying', note);
  const loaded = (await loadTicket(deps.em, ticket.id)) as RepairTicket;
  const reporter = { kind: 'person' as const, personId: ticket.reportedBy.id };
  const verify = m.pleaseVerify(ticket.id, ticket.equipment.code, actor.person.name, note);
  await deps.outbox.enqueue(deps.em, reporter, text(verify));
  const spec = repairCardSpec(loaded, deps.config.repairs, deps.tz, deps.clock.now());
  await pushCard(deps.em, deps.clock, deps.outbox, [reporter], REPAIR_CARD, repairSubject(loaded), spec);
}

/**
 * 验收: the reporter, a team lead or a supervisor checks the machine. Passing archives the
 * ticket and ends the downtime; failing sends it back to 维修中 with the reason.
 * Returns the downtime in minutes when the ticket was archived.
 */
export async function verifyRepair(
  deps: Services,
  actor: Actor,
  ticket: RepairTicket,
  verdict: { pass: true } | { pass: false; reason: string },
): Promise<number | undefined> {
  expectState(ticket, 'verifying', '验收');
  const mayVerify =
    ticket.reportedBy.id === actor.person.id || hasRole(actor.person, 'team_lead', 'supervisor');
  if (!mayVerify) throw new RefusedError('not_verifier', m.notVerifier(ticket.id));
  const technician = ticket.technician?.id;
  if (!verdict.pass) {
    await move(deps, actor, ticket, 'repairing', verdict.reason);
    if (technician)
      await tell(deps, technician, m.repairRejectedAlert(ticket.id, actor.person.name, verdict.reason));
    return undefined;
  }
  ticket.verifiedBy = deps.em.getReference(Person, actor.person.id);
  ticket.archivedAt = actor.at;
  const downtime = await deps.em.findOne(Downtime, { ticket: ticket.id });
  if (downtime) downtime.endedAt = actor.at;
  await move(deps, actor, ticket, 'archived', null);
  const minutes = downtime ? minutesBetween(downtime.startedAt, actor.at) : 0;
  if (technician)
    await tell(deps, technician, m.repairArchivedAlert(ticket.id, actor.person.name, m.minutesText(minutes)));
  return minutes;
}

/** `tried` cannot be done on the ticket where it stands; the refusal names the next step. */
export function wrongRepairState(ticket: RepairTicket, tried: string): RefusedError {
  return new RefusedError(
    'repair_state',
    m.repairWrongState(ticket.id, ticket.state, tried, ticket.technician?.name),
  );
}

function expectState(ticket: RepairTicket, state: RepairState, tried: string): void {
  if (ticket.state !== state) throw wrongRepairState(ticket, tried);
}

/** The technician who took the ticket works it; another technician may step in, nobody else. */
function assertTechnician(em: EntityManager, actor: Actor, ticket: RepairTicket): void {
  if (ticket.technician?.id === actor.person.id) return;
  if (!hasRole(actor.person, 'maintenance')) {
    throw new RefusedError('not_technician', m.notYourRepair(ticket.id, ticket.technician?.name ?? m.nobody));
  }
  ticket.technician = em.getReference(Person, actor.person.id);
}

async function move(
  deps: Services,
  actor: Actor,
  ticket: RepairTicket,
  to: RepairState,
  note: string | null,
): Promise<void> {
  const { em } = deps;
  const from = ticket.state;
  em.create(RepairStep, {
    ticket,
    fromState: ticket.state,
    toState: to,
    at: actor.at,
    by: actor.person.id,
    note,
  });
  Object.assign(ticket, {
    state: to,
    stateSince: actor.at,
    stateVisit: ticket.stateVisit + 1,
    revision: ticket.revision + 1,
  });
  await em.flush();
  await settleStatus(em, ticket.equipment);
  recordAudit(em, actor, `repair.${to}`, 'repair_ticket', ticket.id, note ? { note } : {});
  await deps.events.publish(deps, 'equipment.repair_step', {
    ticket,
    from,
    to,
    at: actor.at,
    by: actor.person.id,
    note,
  });
  const fresh = (await loadTicket(em, ticket.id)) as RepairTicket;
  await refreshCards(
    em,
    deps.clock,
    deps.outbox,
    REPAIR_CARD,
    repairSubject(fresh),
    repairCardSpec(fresh, deps.config.repairs, deps.tz, deps.clock.now()),
  );
}

async function tell(deps: Services, personId: string, message: string): Promise<void> {
  await deps.outbox.enqueue(deps.em, { kind: 'person', personId }, text(message));
}
