import type { EntityManager } from '@mikro-orm/core';
import { incentiveMessages as m } from './messages.js';
import { PointEntry } from './point-entry.entity.js';

const REVERSAL = 'reversal:';

/**
 * The ledger key of the entry taking back a rule's award for an event. It ends with the rule's
 * id (rule ids have no colon), so a cap can give back the room the award took.
 */
const reversalKey = (eventKey: string, ruleId: string | null | undefined): string =>
  `${REVERSAL}${eventKey}:${ruleId ?? ''}`;

/** The rule whose award a reversing entry takes back, read from its key. */
export function reversedRuleOf(eventKey: string | null | undefined): string | undefined {
  if (!eventKey?.startsWith(REVERSAL)) return undefined;
  return eventKey.slice(eventKey.lastIndexOf(':') + 1) || undefined;
}

/** Reversing entries carry no rule id; {@link reversedRuleOf} reads which one from the key. */
export const reversalEntries = { ruleId: null, eventKey: { $like: `${REVERSAL}%` } };

/**
 * Takes back what a reversed 报工 earned: one negative entry per rule that paid it, dated like
 * the award so the day and week it counted in net out. The reversing entries carry no rule id,
 * so they do not stop the ledger's (rule, event) key from holding; caps read the rule from the
 * key and count the award as given back.
 * A report reversed before it was evaluated earned nothing and is skipped by the event source.
 */
export async function reverseReportPoints(
  em: EntityManager,
  reportId: number,
  reportLabel: string,
  kind: 'undo' | 'correction',
  at: Date,
): Promise<PointEntry[]> {
  const paid = await em.find(PointEntry, { eventKey: `work_report:${reportId}` }, { orderBy: { id: 'asc' } });
  return paid.map((entry) =>
    em.create(PointEntry, {
      person: entry.person,
      points: -entry.points,
      source: 'rule',
      ruleId: null,
      eventKey: reversalKey(`work_report:${reportId}`, entry.ruleId),
      reason: m.reportReversed(reportLabel, kind, entry.reason),
      details: { reverses: entry.id },
      occurredAt: entry.occurredAt,
      recordedAt: at,
      recordedBy: null,
    }),
  );
}
