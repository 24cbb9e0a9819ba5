import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { PointTrigger } from '../capabilities/point-trigger.js';
import type { Services } from '../services.js';
import { pointTriggersOf } from '../capabilities/assembled.js';
import { awardEvents } from './awards.js';
import { EvaluationCursor } from './evaluation-cursor.entity.js';
import { retryOnLockConflict } from '../db/lock-retry.js';
import { weekOf } from './periods.js';
import { activeRules, type ActiveRule } from './rules/active-rules.js';

/** The parts of a unit of work an evaluation reads, its moment, and what rules may pay for. */
export type IncentiveDeps = Pick<Services, 'em' | 'config' | 'tz'> & {
  now: Date;
  /** The point triggers of the app's capabilities (pointTriggersOf). */
  triggers: readonly PointTrigger[];
};

/**
 * Each run re-reads this much before its cursor: a report is stamped when it is handled but
 * becomes visible when its transaction commits, a moment later. Events read twice are skipped
 * by the ledger's (rule, event) key.
 */
const OVERLAP_MS = 15 * 60_000;

/**
 * Pays every rule for the events of its trigger since the last evaluation, each trigger in a
 * transaction of its own (the recurring job calls this every minute; tests call it under their
 * clock). Returns the entries written per trigger. A trigger seen for the first time starts at
 * the beginning of last week, so the first leaderboard after the rules are switched on has
 * something to show.
 */
export async function evaluateIncentives(deps: IncentiveDeps): Promise<Record<string, number>> {
  const written: Record<string, number> = {};
  for (const [trigger, rules] of rulesByTrigger(deps)) {
    written[trigger.name] = await retryOnLockConflict(() =>
      deps.em.fork().transactional((tx) => evaluateTrigger({ ...deps, em: tx }, trigger, rules)),
    );
  }
  return written;
}

/**
 * The same evaluation inside the caller's transaction (`deps.em`), for whoever is about to read
 * points: 积分 and 排行 show every report made up to this moment, though no 报工 waits for its
 * points to be paid (the job pays them within the minute, or the first reader does).
 */
export async function settleIncentives(deps: IncentiveDeps): Promise<void> {
  for (const [trigger, rules] of rulesByTrigger(deps)) await evaluateTrigger(deps, trigger, rules);
  await deps.em.flush();
}

/** settleIncentives for a chat command about to show points, in its unit of work. */
export function settleForReading(unit: Pick<Services, 'em' | 'config' | 'tz' | 'clock' | 'capabilities'>) {
  const { em, config, tz, clock, capabilities } = unit;
  return settleIncentives({ em, config, tz, now: clock.now(), triggers: pointTriggersOf(capabilities) });
}

function rulesByTrigger(deps: IncentiveDeps): [PointTrigger, ActiveRule[]][] {
  const rules = activeRules(deps.config, deps.triggers);
  return deps.triggers
    .map((trigger): [PointTrigger, ActiveRule[]] => [
      trigger,
      rules.filter((r) => r.trigger === trigger.name),
    ])
    .filter(([, own]) => own.length > 0);
}

/**
 * One trigger's evaluation under its cursor, in `deps.em`'s transaction. The write comes first:
 * it takes the row lock (SQLite: the database's write lock) before anything is read, so a
 * second evaluation waits here and then reads what this one wrote, and caps are counted one at
 * a time. The cursor row is made only when the update finds none.
 */
async function evaluateTrigger(
  deps: IncentiveDeps,
  trigger: PointTrigger,
  rules: ActiveRule[],
): Promise<number> {
  const tx = deps.em;
  const cursor = await lockedCursor(tx, trigger.name, deps.now, deps.tz);
  const to = new Date(deps.now.getTime() - trigger.settleMs);
  const from = new Date(cursor.evaluatedTo.getTime() - OVERLAP_MS);
  if (to <= from) return 0;
  const events = await trigger.read(tx, from, to, deps);
  const written = await awardEvents(tx, rules, events, deps);
  if (to > cursor.evaluatedTo)
    await tx.nativeUpdate(EvaluationCursor, { trigger: trigger.name }, { evaluatedTo: to });
  return written.length;
}

/**
 * Takes the row lock of a trigger's cursor in `em`'s transaction (making the row if there is
 * none yet): what pays the trigger's events, or takes their points back, holds it.
 */
export async function lockedCursor(
  em: EntityManager,
  trigger: string,
  now: Date,
  tz: string,
): Promise<EvaluationCursor> {
  const locked = await em.nativeUpdate(EvaluationCursor, { trigger }, { lockedAt: now });
  // No row changed: none exists, or (MySQL counts changed rows) it was locked at this very instant.
  const found = locked === 0 ? await em.findOne(EvaluationCursor, { trigger }) : undefined;
  if (found === null) {
    try {
      await em.insert(EvaluationCursor, { trigger, evaluatedTo: weekOf(now, tz, 1).from, lockedAt: now });
    } catch (error) {
      // Another evaluation made it at the same moment: its row, locked below, is all this wanted.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
    await em.nativeUpdate(EvaluationCursor, { trigger }, { lockedAt: now });
  }
  return found ?? em.findOneOrFail(EvaluationCursor, { trigger });
}
