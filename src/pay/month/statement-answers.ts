import type { EntityManager } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';
import type { Services } from '../../services.js';
import { RefusedError } from '../../shared/errors.js';
import { payMessages as m } from '../messages.js';
import { PayStatement } from './pay-statement.entity.js';

/** The statement a worker answers: their own, still waiting for an answer. */
export async function statementToAnswer(
  em: EntityManager,
  id: number,
  personId: string,
): Promise<PayStatement> {
  const statement = await em.findOneOrFail(PayStatement, id, { populate: ['person'] });
  if (statement.person.id !== personId) throw new RefusedError('not_your_statement', m.notYourStatement);
  if (statement.status !== 'sent') {
    throw new RefusedError('statement_answered', m.alreadyAnswered(statement.month, statement.status));
  }
  return statement;
}

function answer(statement: PayStatement, status: 'confirmed' | 'disputed', now: Date, reason?: string): void {
  statement.status = status;
  statement.reason = reason ?? null;
  statement.respondedAt = now;
  statement.revision += 1;
}

export function confirmStatement(unit: Services, statement: PayStatement): void {
  answer(statement, 'confirmed', unit.clock.now());
}

/** Who resolves a worker's dispute: their team's leads, or the supervisors when the team has none. */
async function resolversOf(em: EntityManager, person: Person): Promise<Person[]> {
  const team = person.team ? await em.find(Person, { team: person.team, active: true }) : [];
  const leads = team.filter((p) => p.roles.includes('team_lead'));
  if (leads.length > 0) return leads;
  return (await em.find(Person, { active: true })).filter((p) => p.roles.includes('supervisor'));
}

/** 有异议: records the reason and tells the worker's lead, who sees it in `异议列表` until resolved. */
export async function disputeStatement(
  unit: Services,
  statement: PayStatement,
  reason: string,
): Promise<void> {
  answer(statement, 'disputed', unit.clock.now(), reason);
  const person = await unit.em.findOneOrFail(Person, statement.person.id);
  for (const lead of await resolversOf(unit.em, person)) {
    await unit.outbox.enqueue(
      unit.em,
      { kind: 'person', personId: lead.id },
      {
        kind: 'text',
        text: m.disputeToLead(person.name, statement.month, statement.fen, statement.reason ?? ''),
      },
    );
  }
}

/** Open disputes a viewer resolves: a lead, their team's; a supervisor or manager, everyone's. */
export async function openDisputes(em: EntityManager, teamId: string | undefined): Promise<PayStatement[]> {
  return em.find(
    PayStatement,
    { status: 'disputed', ...(teamId === undefined ? {} : { person: { team: teamId } }) },
    { populate: ['person'], orderBy: { month: 'asc', person: 'asc' } },
  );
}

/** 处理异议: the lead has settled it with the worker; the worker is told how. */
export async function resolveDispute(
  unit: Services,
  statement: PayStatement,
  resolver: string,
  note: string,
): Promise<void> {
  if (statement.status !== 'disputed') {
    throw new RefusedError('not_disputed', m.notDisputed(statement.month, statement.status));
  }
  statement.status = 'resolved';
  statement.revision += 1;
  await unit.outbox.enqueue(
    unit.em,
    { kind: 'person', personId: statement.person.id },
    { kind: 'text', text: m.disputeResolvedToWorker(statement.month, resolver, note) },
  );
}
