import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { PointTrigger } from '../capabilities/point-trigger.js';
import type { Services } from '../services.js';
import { awardEvents } from './awards.js';
import { EvaluationCursor } from './evaluation-cursor.entity.js';
import { retryOnLockConflict } from '../db/lock-retry.js';
import { AppError } from '../shared/errors.js';
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
 * Pays every rule for the events of its trigger since the last evaluation (the recurring job
 * calls this every minute; tests call it under their clock). Returns the entries written per
 * trigger. A trigger seen for the first time starts at the beginning of last week, so the
 * first leaderboard after the rules are switched on has something to show.
 */
export async function evaluateIncentives(deps: IncentiveDeps): Promise<Record<string, number>> {
  const rules = activeRules(deps.config, deps.triggers);
  const written: Record<string, number> = {};
  for (const trigger of deps.triggers) {
    const own = rules.filter((r) => r.trigger === trigger.name);
    if (own.length === 0) continue;
    written[trigger.name] = await retryOnLockConflict(() => evaluateTrigger(deps, trigger, own));
  }
  return written;
}

async function evaluateTrigger(
  deps: IncentiveDeps,
  trigger: PointTrigger,
  rules: ActiveRule[],
): Promise<number> {
  return underCursor(deps, trigger.name, async (tx) => {
    const cursor = await tx.findOneOrFail(EvaluationCursor, { trigger: trigger.name });
    const to = new Date(deps.now.getTime() - trigger.settleMs);
    const from = new Date(cursor.evaluatedTo.getTime() - OVERLAP_MS);
    if (to <= from) return 0;
    const events = await trigger.read(tx, from, to, deps);
    const written = await awardEvents(tx, rules, events, deps);
    if (to > cursor.evaluatedTo) cursor.evaluatedTo = to;
    return written.length;
  });
}

/**
 * Pays the rules of one trigger for the events of these records (a 报工 and the operations
 * it finished) as soon as they are committed, so 积分 shows them at once. The same ledger
 * keys, under the same cursor lock, make the job that reads them later pay nothing twice.
 */
export async function awardRecords(deps: IncentiveDeps, trigger: string, ids: number[]): Promise<number> {
  const source = deps.triggers.find((t) => t.name === trigger);
  const rules = activeRules(deps.config, deps.triggers).filter((r) => r.trigger === trigger);
  if (!source?.readIds || rules.length === 0 || ids.length === 0) return 0;
  const readIds = source.readIds.bind(source);
  return retryOnLockConflict(() =>
    underCursor(deps, trigger, async (tx) => {
      const written = await awardEvents(tx, rules, await readIds(tx, ids, deps), deps);
      return written.length;
    }),
  );
}

/**
 * One trigger's evaluation in a transaction holding its cursor. The write comes first: it
 * takes the row lock (SQLite: the database's write lock) before anything is read, so a second
 * instance waits here and then reads what this one wrote, and caps are counted one at a time.
 * Every 报工 comes through here as it commits, so the lock is one statement; the cursor row is
 * made only when the update finds none.
 */
async function underCursor<T>(
  deps: IncentiveDeps,
  trigger: string,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  const missing = Symbol('missing');
  const attempt = () =>
    deps.em.fork().transactional(async (tx) => {
      const locked = await tx.nativeUpdate(EvaluationCursor, { trigger }, { lockedAt: deps.now });
      // No row changed: none exists, or (MySQL counts changed rows) it was locked at this very instant.
      if (locked === 0 && !(await tx.findOne(EvaluationCursor, { trigger }))) return missing;
      return { done: await work(tx) };
    });
  const first = await attempt();
  if (first !== missing) return first.done;
  await ensureCursor(deps, trigger);
  const second = await attempt();
  if (second === missing)
    throw new AppError('incentive_cursor_missing', `the cursor of ${trigger} was not created`, {
      status: 500,
    });
  return second.done;
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
