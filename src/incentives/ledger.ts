import type { EntityManager } from '@mikro-orm/core';
import { recordAudit, type Actor } from '../chat/audit/actor.js';
import { Person } from '../people/person.entity.js';
import type { Period } from './periods.js';
import { PointEntry } from './point-entry.entity.js';

/**
 * A supervisor's award (positive) or deduction (negative), with the reason the person will
 * read in 积分. Like every entry it is final; a mistake is put right by another entry.
 */
export function adjustPoints(
  em: EntityManager,
  actor: Actor,
  personId: string,
  points: number,
  reason: string,
): PointEntry {
  const entry = em.create(PointEntry, {
    person: personId,
    points,
    source: 'manual',
    ruleId: null,
    eventKey: null,
    reason,
    details: { by: actor.person.name },
    occurredAt: actor.at,
    recordedAt: actor.at,
    recordedBy: actor.person.id,
  });
  recordAudit(em, actor, 'points.adjust', 'person', personId, { points, reason });
  return entry;
}

export interface PointsSummary {
  period: number;
  total: number;
  recent: PointEntry[];
}

/** One person's points in `period` and in all, with their latest entries first. */
export async function pointsSummary(
  em: EntityManager,
  personId: string,
  period: Period,
  recentCount: number,
): Promise<PointsSummary> {
  const entries = await em.find(PointEntry, { person: personId }, { fields: ['points', 'occurredAt'] });
  const inPeriod = entries.filter((e) => e.occurredAt >= period.from && e.occurredAt < period.to);
  const recent = await em.find(
    PointEntry,
    { person: personId },
    { orderBy: { occurredAt: 'desc', id: 'desc' }, limit: recentCount },
  );
  return { period: sum(inPeriod), total: sum(entries), recent };
}

export interface PersonPoints {
  personId: string;
  name: string;
  teamId: string | undefined;
  points: number;
}

/** Everyone's points in `period`, active people only, most first (ties by id, so boards are stable). */
export async function pointsByPerson(
  em: EntityManager,
  period: Pick<Period, 'from' | 'to'>,
): Promise<PersonPoints[]> {
  const entries = await em.find(
    PointEntry,
    { occurredAt: { $gte: period.from, $lt: period.to } },
    { fields: ['person', 'points'] },
  );
  const totals = new Map<string, number>();
  for (const e of entries) totals.set(e.person.id, (totals.get(e.person.id) ?? 0) + e.points);
  const people = await em.find(Person, { id: { $in: [...totals.keys()] }, active: true });
  return people
    .map((p) => ({ personId: p.id, name: p.name, teamId: p.team?.id, points: totals.get(p.id) ?? 0 }))
    .sort((a, b) => b.points - a.points || a.personId.localeCompare(b.personId));
}

function sum(entries: ReadonlyArray<{ points: number }>): number {
  return entries.reduce((n, e) => n + e.points, 0);
}
