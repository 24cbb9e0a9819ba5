import type { EntityManager } from '@mikro-orm/core';
import { incentiveMessages as m } from './messages.js';
import { PointEntry } from './point-entry.entity.js';

/**
 * Takes back what a reversed 报工 earned: one negative entry per rule that paid it, dated like
 * the award so the day and week it counted in net out. The reversing entries carry no rule id,
 * so they neither use up a rule's cap nor stop the ledger's (rule, event) key from holding.
 * A report reversed before it was evaluated earned nothing and is skipped by the event source.
 */
export async function reverseReportPoints(
  em: EntityManager,
  reportId: number,
  reportLabel: string,
  at: Date,
): Promise<PointEntry[]> {
  const paid = await em.find(PointEntry, { eventKey: `work_report:${reportId}` }, { orderBy: { id: 'asc' } });
  return paid.map((entry) =>
    em.create(PointEntry, {
      person: entry.person,
      points: -entry.points,
      source: 'rule',
      ruleId: null,
      eventKey: `reversal:work_report:${reportId}:${entry.ruleId ?? ''}`,
      reason: m.reportReversed(reportLabel, entry.reason),
      details: { reverses: entry.id },
      occurredAt: entry.occurredAt,
      recordedAt: at,
      recordedBy: null,
    }),
  );
}
