import type { EntityManager } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import { inZone } from '../shared/time.js';
import type { OperationTask } from '../workorders/operation-task.entity.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import type { PayConfig } from './config.js';

export interface Share {
  personId: string;
  fen: number;
}

/**
 * Splits `fen` by `weights` to the fen: each gets the floor of their exact share, the fen left
 * over go one each to the largest fractions, ties to the lower person id, or with
 * `personOrder` in person id order (factory.yaml `pay.leftoverFen`). Zero weights everywhere
 * mean equal parts. A negative amount is split by its size, so taking back mirrors paying.
 */
export function splitFen(
  fen: number,
  weights: ReadonlyArray<{ personId: string; weight: number }>,
  leftover: PayConfig['leftoverFen'] = 'largestFraction',
): Share[] {
  const members = [...weights].sort((a, b) =>
    a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0,
  );
  const total = members.reduce((sum, m) => sum + m.weight, 0);
  const fair = total > 0 ? members : members.map((m) => ({ ...m, weight: 1 }));
  const whole = fair.reduce((sum, m) => sum + m.weight, 0);
  const size = Math.abs(fen);
  const parts = fair.map((m, order) => ({
    personId: m.personId,
    weight: m.weight,
    order,
    fen: Math.floor((size * m.weight) / whole),
    // Integer remainders (not float fractions) so the order of the leftover fen is exact.
    remainder: (size * m.weight) % whole,
  }));
  let left = size - parts.reduce((sum, p) => sum + p.fen, 0);
  const order =
    leftover === 'personOrder'
      ? parts.filter((p) => p.weight > 0)
      : [...parts].sort((a, b) => b.remainder - a.remainder || a.order - b.order);
  for (const part of order) {
    if (left === 0) break;
    part.fen += 1;
    left -= 1;
  }
  return parts.map((p) => ({ personId: p.personId, fen: fen < 0 ? -p.fen : p.fen }));
}

/** The active workers of the task's team, who share what a team rate pays on it. */
export async function teamWorkers(em: EntityManager, teamId: string): Promise<Person[]> {
  const people = await em.find(Person, { team: teamId, active: true }, { orderBy: { id: 'asc' } });
  return people.filter((p) => p.roles.includes('worker'));
}

/** Each member's weight under the configured rule, for a report on `task` counting in `month`. */
export async function splitWeights(
  em: EntityManager,
  rule: PayConfig,
  task: OperationTask,
  members: readonly Person[],
  month: string,
  tz: string,
): Promise<Array<{ personId: string; weight: number }>> {
  if (rule.teamSplit === 'shares') {
    return members.map((m) => ({ personId: m.id, weight: rule.shares[m.id] ?? 0 }));
  }
  if (rule.teamSplit === 'equal') return members.map((m) => ({ personId: m.id, weight: 1 }));
  // hours: the minutes each member reported on this task in the month, reversals counted.
  const reports = await em.find(
    WorkReport,
    { task, person: { $in: members.map((m) => m.id) } },
    { fields: ['person', 'minutes', 'reportedAt'] },
  );
  const minutes = new Map<string, number>();
  for (const r of reports) {
    if (inZone(r.reportedAt, tz).format('YYYY-MM') !== month) continue;
    minutes.set(r.person.id, (minutes.get(r.person.id) ?? 0) + r.minutes);
  }
  return members.map((m) => ({ personId: m.id, weight: Math.max(0, minutes.get(m.id) ?? 0) }));
}
