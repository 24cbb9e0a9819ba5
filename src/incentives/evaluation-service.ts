import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { awardEvents } from './awards.js';
import { EvaluationCursor } from './evaluation-cursor.entity.js';
import { eventSources } from './events/index.js';
import type { EventSource } from './events/incentive-event.js';
import { retryOnLockConflict } from '../db/lock-retry.js';
import { weekOf } from './periods.js';
import { activeRules, type ActiveRule } from './rules/active-rules.js';

export interface IncentiveDeps {
  em: EntityManager;
  config: FactoryConfig;
  /** FACTORY_TZ: days, weeks and shifts are reckoned there. */
  tz: string;
  now: Date;
}

/**
 * Each run re-reads this much before its cursor: a report is stamped when it is handled but
 * becomes visible when its transaction commits, a moment later. Events read twice are skipped
 * by the ledger's (rule, event) key.
 */
const OVERLAP_MS = 15 * 60_000;

/**
 * Pays every rule for the events of its trigger since the last evaluation (the recurring job
 * calls this every minute; tests call it under their clock). Returns the entries written per
 * trigger. A trigger seen for the first time starts at the beginning of last week, so the
 * first leaderboard after the rules are switched on has something to show.
 */
export async function evaluateIncentives(deps: IncentiveDeps): Promise<Record<string, number>> {
  const rules = activeRules(deps.config);
  const written: Record<string, number> = {};
  for (const source of eventSources) {
    const own = rules.filter((r) => r.trigger === source.trigger);
    if (own.length === 0) continue;
    written[source.trigger] = await retryOnLockConflict(() => evaluateSource(deps, source, own));
  }
  return written;
}

async function evaluateSource(
  deps: IncentiveDeps,
  source: EventSource,
  rules: ActiveRule[],
): Promise<number> {
  await ensureCursor(deps, source.trigger);
  return deps.em.fork().transactional(async (tx) => {
    // The write comes first: it takes the row lock (SQLite: the database's write lock) before
    // anything is read, so a second instance waits here and then reads what this one wrote.
    await tx.nativeUpdate(EvaluationCursor, { trigger: source.trigger }, { lockedAt: deps.now });
    const cursor = await tx.findOneOrFail(EvaluationCursor, { trigger: source.trigger });
    const to = new Date(deps.now.getTime() - source.settleMs);
    const from = new Date(cursor.evaluatedTo.getTime() - OVERLAP_MS);
    if (to <= from) return 0;
    const events = await source.read(tx, from, to, deps);
    const written = await awardEvents(tx, rules, events, deps);
    if (to > cursor.evaluatedTo) cursor.evaluatedTo = to;
    return written.length;
  });
}

async function ensureCursor(deps: IncentiveDeps, trigger: string): Promise<void> {
  const em = deps.em.fork();
  if (await em.findOne(EvaluationCursor, { trigger })) return;
  try {
    await em.insert(EvaluationCursor, {
      trigger,
      evaluatedTo: weekOf(deps.now, deps.tz, 1).from,
      lockedAt: deps.now,
    });
  } catch (error) {
    // Another instance created it at the same moment: that is all this wanted.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
  }
}
