import { LockMode, type EntityManager } from '@mikro-orm/core';
import { BaseSqlitePlatform, type SqlEntityManager } from '@mikro-orm/knex';
import { dayjs } from '../../shared/time.js';
import { PayMonth } from './pay-month.entity.js';

export function nextMonth(month: string): string {
  return dayjs(`${month}-01`).add(1, 'month').format('YYYY-MM');
}

/** Makes the month's row (open) unless it is there; a concurrent insert of the same month is no error. */
async function ensureMonth(em: EntityManager, month: string): Promise<void> {
  await (em as SqlEntityManager)
    .createQueryBuilder(PayMonth)
    .insert({ month })
    .onConflict('month')
    .ignore()
    .execute();
}

/**
 * The months from `from` on (only `from` when `only`), locked: shared for an earning, exclusive
 * for a close. SQLite lets one writer in at a time, so there is nothing to lock there.
 */
async function lockedMonths(
  em: EntityManager,
  from: string,
  mode: 'share' | 'exclusive',
  only = false,
): Promise<Map<string, boolean>> {
  const qb = (em as SqlEntityManager)
    .createQueryBuilder(PayMonth)
    .select(['month', 'closedAt'])
    .where(only ? { month: from } : { month: { $gte: from } });
  if (!(em.getPlatform() instanceof BaseSqlitePlatform)) {
    qb.setLockMode(mode === 'share' ? LockMode.PESSIMISTIC_READ : LockMode.PESSIMISTIC_WRITE);
  }
  const rows: Array<{ month: string; closedAt?: unknown; closed_at?: unknown }> = await qb.execute('all');
  return new Map(rows.map((r) => [r.month, (r.closedAt ?? r.closed_at ?? null) !== null]));
}

/**
 * Where an earning counting on `day` lands: its own month while open, else the next open one.
 * Holds the month rows shared until the caller's transaction ends, so a close of the month
 * waits for this earning (and sums it), or this earning waits for the close (and moves on).
 */
export async function landingOf(
  em: EntityManager,
  day: string,
  today: string,
): Promise<{ day: string; month: string; late: boolean }> {
  const own = day.slice(0, 7);
  let months = await lockedMonths(em, own, 'share');
  if (!months.has(own)) {
    await ensureMonth(em, own);
    months = await lockedMonths(em, own, 'share');
  }
  if (months.get(own) !== true) return { day, month: own, late: false };
  let month = nextMonth(own);
  for (;;) {
    if (!months.has(month)) {
      // A month nobody earned in yet: made open, then locked like the others.
      await ensureMonth(em, month);
      months.set(month, (await lockedMonths(em, month, 'share', true)).get(month) === true);
    }
    if (months.get(month) !== true) break;
    month = nextMonth(month);
  }
  // A late correction counts on the day it is made when that falls in the landing month.
  return { day: today.slice(0, 7) === month ? today : `${month}-01`, month, late: true };
}

/** The month's row, locked exclusively for a close: whether it was closed before. */
export async function lockMonthForClose(em: EntityManager, month: string): Promise<boolean> {
  await ensureMonth(em, month);
  return (await lockedMonths(em, month, 'exclusive', true)).get(month) === true;
}

/** Whether a month is closed (no lock: for reading). */
export async function isClosed(em: EntityManager, month: string): Promise<boolean> {
  return (await em.findOne(PayMonth, month, { fields: ['closedAt'] }))?.closedAt != null;
}
