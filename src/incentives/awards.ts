import type { EntityManager } from '@mikro-orm/core';
import type { IncentiveEvent } from '../capabilities/point-trigger.js';
import type { FactoryConfig } from '../config/factory-config.js';
import {
  productionDateOf,
  productionDay,
  productionInterval,
  type ProductionDay,
} from '../shared/production-day.js';
import { weekOf } from './periods.js';
import { PointEntry } from './point-entry.entity.js';
import { reversalEntries, reversedRuleOf } from './report-reversal.js';
import { conditionHolds } from './rules/expression.js';
import type { ActiveRule } from './rules/active-rules.js';

/** What paying a rule reads of it (not the trigger its events came from: the caller read them). */
type PaidRule = Omit<ActiveRule, 'source'>;

const CHUNK = 500;

/**
 * Pays the rules of one trigger for these events (ordered by time), writing ledger entries into
 * the caller's unit of work. A (rule, event) already in the ledger is skipped, so reading an
 * event again pays nothing. A cap limits what one rule gives one person in the production day
 * (a night shift counts whole in the day it began) / week the event happened in; the award
 * that reaches the cap is cut down to it. Returns the entries.
 */
export async function awardEvents(
  em: EntityManager,
  rules: readonly PaidRule[],
  events: readonly IncentiveEvent[],
  options: { tz: string; now: Date; config: Pick<FactoryConfig, 'shifts' | 'productionDay'> },
): Promise<PointEntry[]> {
  if (rules.length === 0 || events.length === 0) return [];
  const day = productionDay(options.config, options.tz);
  const ledger = await readLedger(em, rules, events, capWindow(rules, events, day));
  const paid = new Set(ledger.paid.map((row) => `${row.ruleId}|${row.eventKey}`));
  const tally = capTally(ledger.capped, day);
  const written: PointEntry[] = [];
  for (const event of events) {
    for (const rule of rules) {
      if (paid.has(`${rule.id}|${event.key}`)) continue;
      if (rule.condition && !conditionHolds(rule.condition, event.fields)) continue;
      const points = tally.allow(rule, event);
      if (points === 0) continue;
      written.push(
        em.create(PointEntry, {
          person: event.personId,
          points,
          source: 'rule',
          ruleId: rule.id,
          eventKey: event.key,
          reason: rule.name,
          details: { ...event.fields, ...(points !== rule.points && { cappedFrom: rule.points }) },
          occurredAt: event.occurredAt,
          recordedAt: options.now,
          recordedBy: null,
        }),
      );
    }
  }
  return written;
}

type LedgerRow = Pick<PointEntry, 'ruleId' | 'eventKey' | 'person' | 'points' | 'occurredAt'>;

/** Which capped rules' entries of which people, over which span, a batch's caps count. */
interface CapWindow {
  ruleIds: string[];
  personIds: string[];
  from: Date;
  to: Date;
}

/**
 * The span the caps of these events reach: the weeks they fall in, or their production days
 * where one straddles a week's calendar boundary. Undefined when no rule has a cap.
 */
function capWindow(
  rules: readonly PaidRule[],
  events: readonly IncentiveEvent[],
  day: ProductionDay,
): CapWindow | undefined {
  const capped = rules.filter((r) => r.dailyCap !== undefined || r.weeklyCap !== undefined);
  if (capped.length === 0) return undefined;
  const times = events.map((e) => e.occurredAt.getTime());
  const earliest = new Date(Math.min(...times));
  const latest = new Date(Math.max(...times));
  const from = Math.min(
    weekOf(earliest, day.tz).from.getTime(),
    productionInterval(productionDateOf(earliest, day), day).start.getTime(),
  );
  const to = Math.max(
    weekOf(latest, day.tz).to.getTime(),
    productionInterval(productionDateOf(latest, day), day).end.getTime(),
  );
  return {
    ruleIds: capped.map((r) => r.id),
    // Only these events' people: a minute's reports read their people's weeks, not the whole
    // factory's ledger.
    personIds: [...new Set(events.map((e) => e.personId))],
    from: new Date(from),
    to: new Date(to),
  };
}

/**
 * The ledger rows a batch needs: those already paying one of its (rule, event) pairs, and those
 * its caps count. A batch that fits one chunk (a minute's events, as a rule) reads both in one
 * statement; a long catch-up reads the pairs a chunk at a time.
 */
async function readLedger(
  em: EntityManager,
  rules: readonly PaidRule[],
  events: readonly IncentiveEvent[],
  caps: CapWindow | undefined,
): Promise<{ paid: LedgerRow[]; capped: LedgerRow[] }> {
  const ruleIds = rules.map((r) => r.id);
  const pairsOf = (chunk: readonly IncentiveEvent[]) => ({
    ruleId: { $in: ruleIds },
    eventKey: { $in: chunk.map((e) => e.key) },
  });
  const capsFilter = caps && {
    $or: [{ ruleId: { $in: caps.ruleIds } }, reversalEntries],
    person: { $in: caps.personIds },
    occurredAt: { $gte: caps.from, $lt: caps.to },
  };
  const fields = ['ruleId', 'eventKey', 'person', 'points', 'occurredAt'] as const;
  const keys = new Set(events.map((e) => e.key));
  const isPair = (row: LedgerRow) => ruleIds.includes(row.ruleId ?? '') && keys.has(row.eventKey ?? '');
  const countsForCaps = (row: LedgerRow) =>
    caps !== undefined &&
    caps.ruleIds.includes(capRuleOf(row) ?? '') &&
    caps.personIds.includes(row.person.id) &&
    row.occurredAt >= caps.from &&
    row.occurredAt < caps.to;
  if (events.length <= CHUNK) {
    const rows = await em.find(
      PointEntry,
      capsFilter ? { $or: [pairsOf(events), capsFilter] } : pairsOf(events),
      {
        fields: [...fields],
      },
    );
    return { paid: rows.filter(isPair), capped: rows.filter(countsForCaps) };
  }
  const paid: LedgerRow[] = [];
  for (let i = 0; i < events.length; i += CHUNK)
    paid.push(...(await em.find(PointEntry, pairsOf(events.slice(i, i + CHUNK)), { fields: [...fields] })));
  const capped = capsFilter ? await em.find(PointEntry, capsFilter, { fields: [...fields] }) : [];
  return { paid, capped };
}

interface CapTally {
  /** The points `rule` may give for `event` now, counting them as given. */
  allow(rule: PaidRule, event: IncentiveEvent): number;
}

/** The rule whose cap a ledger row counts in: its own, or the one whose award it took back. */
const capRuleOf = (row: LedgerRow): string | undefined => row.ruleId ?? reversedRuleOf(row.eventKey);

/**
 * What each capped rule has already given the events' people, per day and per week, from the
 * ledger rows of the cap window; kept up to date as this batch awards. Caps bound the size of
 * the total, so a deduction rule's cap bounds how much it can take; an award taken back (a
 * reversed 报工) gives its room back.
 */
function capTally(rows: readonly LedgerRow[], day: ProductionDay): CapTally {
  const used = new Map<string, number>();
  const keysOf = (ruleId: string, personId: string, at: Date) => ({
    day: `${ruleId}|${personId}|${productionDateOf(at, day)}`,
    week: `${ruleId}|${personId}|w${weekOf(at, day.tz).firstDay}`,
  });
  for (const row of rows) {
    const keys = keysOf(capRuleOf(row) ?? '', row.person.id, row.occurredAt);
    const size = row.ruleId ? Math.abs(row.points) : -Math.abs(row.points); // taken back
    for (const key of [keys.day, keys.week]) used.set(key, (used.get(key) ?? 0) + size);
  }
  return {
    allow(rule, event) {
      const keys = keysOf(rule.id, event.personId, event.occurredAt);
      const room = Math.min(
        rule.dailyCap === undefined ? Infinity : rule.dailyCap - (used.get(keys.day) ?? 0),
        rule.weeklyCap === undefined ? Infinity : rule.weeklyCap - (used.get(keys.week) ?? 0),
      );
      const size = Math.max(0, Math.min(Math.abs(rule.points), room));
      for (const key of [keys.day, keys.week]) used.set(key, (used.get(key) ?? 0) + size);
      return Math.sign(rule.points) * size;
    },
  };
}
