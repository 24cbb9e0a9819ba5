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
  const paid = await alreadyPaid(em, rules, events);
  const tally = await capTally(em, rules, events, productionDay(options.config, options.tz));
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

async function alreadyPaid(
  em: EntityManager,
  rules: readonly PaidRule[],
  events: readonly IncentiveEvent[],
): Promise<Set<string>> {
  const paid = new Set<string>();
  const ruleIds = rules.map((r) => r.id);
  for (let i = 0; i < events.length; i += CHUNK) {
    const keys = events.slice(i, i + CHUNK).map((e) => e.key);
    const rows = await em.find(
      PointEntry,
      { ruleId: { $in: ruleIds }, eventKey: { $in: keys } },
      { fields: ['ruleId', 'eventKey'] },
    );
    for (const row of rows) paid.add(`${row.ruleId}|${row.eventKey}`);
  }
  return paid;
}

interface CapTally {
  /** The points `rule` may give for `event` now, counting them as given. */
  allow(rule: PaidRule, event: IncentiveEvent): number;
}

/**
 * What each capped rule has already given the events' people, per day and per week, from the
 * ledger over the weeks these events fall in; kept up to date as this batch awards. Caps bound the
 * size of the total, so a deduction rule's cap bounds how much it can take.
 */
async function capTally(
  em: EntityManager,
  rules: readonly PaidRule[],
  events: readonly IncentiveEvent[],
  day: ProductionDay,
): Promise<CapTally> {
  const { tz } = day;
  const capped = rules.filter((r) => r.dailyCap !== undefined || r.weeklyCap !== undefined);
  const used = new Map<string, number>();
  const keysOf = (ruleId: string, personId: string, at: Date) => ({
    day: `${ruleId}|${personId}|${productionDateOf(at, day)}`,
    week: `${ruleId}|${personId}|w${weekOf(at, tz).firstDay}`,
  });
  if (capped.length > 0) {
    const times = events.map((e) => e.occurredAt.getTime());
    const earliest = new Date(Math.min(...times));
    const latest = new Date(Math.max(...times));
    // A production day can straddle the week's calendar boundary: read whichever reaches further.
    const from = Math.min(
      weekOf(earliest, tz).from.getTime(),
      productionInterval(productionDateOf(earliest, day), day).start.getTime(),
    );
    const to = Math.max(
      weekOf(latest, tz).to.getTime(),
      productionInterval(productionDateOf(latest, day), day).end.getTime(),
    );
    // Only these events' people: a 报工 paid as it commits reads one person's week, not the
    // whole factory's ledger (which every report would otherwise read under the cursor lock).
    const rows = await em.find(
      PointEntry,
      {
        ruleId: { $in: capped.map((r) => r.id) },
        person: { $in: [...new Set(events.map((e) => e.personId))] },
        occurredAt: { $gte: new Date(from), $lt: new Date(to) },
      },
      { fields: ['ruleId', 'person', 'points', 'occurredAt'] },
    );
    for (const row of rows) {
      const keys = keysOf(row.ruleId ?? '', row.person.id, row.occurredAt);
      for (const key of [keys.day, keys.week]) used.set(key, (used.get(key) ?? 0) + Math.abs(row.points));
    }
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
