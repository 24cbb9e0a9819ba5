import type { EntityManager } from '@mikro-orm/core';
import type { RepairsConfig } from '../config.js';
import { inZone } from '../../shared/time.js';
import { limitMinutes } from './repair-limits.js';
import { RepairStep } from './repair-step.entity.js';
import { RepairTicket, type RepairState } from './repair-ticket.entity.js';

export interface ClosureRate {
  /** The Monday (factory zone, YYYY-MM-DD) of the week the tickets were raised in. */
  week: string;
  /** The team the machine belongs to; null for machines without one. */
  teamId: string | null;
  raised: number;
  /** Archived with every step done within its time limit. */
  closedWithinLimit: number;
  /** closedWithinLimit / raised. */
  rate: number;
}

/**
 * Exception closure rate (PRODUCT.md, KPIs): of the repair tickets raised in each week, per
 * team, the share that reached 归档 with no step over its limit. Read from the steps
 * themselves, so it does not depend on the escalation job having run.
 */
export async function closureRates(
  em: EntityManager,
  limits: RepairsConfig,
  tz: string,
  from: Date,
  to: Date,
): Promise<ClosureRate[]> {
  const tickets = await em.find(
    RepairTicket,
    { reportedAt: { $gte: from, $lt: to } },
    { populate: ['equipment'], orderBy: { id: 'asc' } },
  );
  const steps = await em.find(
    RepairStep,
    { ticket: { $in: tickets.map((t) => t.id) } },
    { orderBy: { at: 'asc', id: 'asc' } },
  );
  const groups = new Map<string, ClosureRate>();
  for (const ticket of tickets) {
    const week = mondayOf(ticket.reportedAt, tz);
    const teamId = ticket.equipment.team?.id ?? null;
    const key = `${week}|${teamId ?? ''}`;
    const group = groups.get(key) ?? { week, teamId, raised: 0, closedWithinLimit: 0, rate: 0 };
    group.raised += 1;
    const own = steps.filter((s) => s.ticket.id === ticket.id);
    if (ticket.state === 'archived' && withinLimits(own, limits)) group.closedWithinLimit += 1;
    group.rate = group.closedWithinLimit / group.raised;
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => a.week.localeCompare(b.week) || (a.teamId ?? '').localeCompare(b.teamId ?? ''),
  );
}

/** Each state was left before its limit ran out (the last step, 归档, has none). */
function withinLimits(steps: RepairStep[], limits: RepairsConfig): boolean {
  return steps.every((step, i) => {
    const next = steps[i + 1];
    const limit = limitMinutes(step.toState as RepairState, limits);
    if (!next || limit === undefined) return true;
    return next.at.getTime() - step.at.getTime() <= limit * 60_000;
  });
}

function mondayOf(at: Date, tz: string): string {
  const day = inZone(at, tz).startOf('day');
  return day.subtract((day.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}
