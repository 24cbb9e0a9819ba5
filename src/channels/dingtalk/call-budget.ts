import { raw, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { Outbox } from '../../chat/outbox/outbox.js';
import type { Orm } from '../../db/orm.js';
import { peopleWithRole } from '../../people/directory.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { inZone } from '../../shared/time.js';
import { DingtalkCallBudget } from './call-budget.entity.js';
import { dingtalkMessages as m } from './messages.js';

/** §6: a standard (free) edition organisation may make 10,000 calls a month, all its apps together. */
export const FREE_EDITION_MONTHLY_CALLS = 10_000;

/** Admins hear at these shares of the budget, once each per month. */
const NOTICE_PERCENTS = [50, 80, 100];
/** Above every percentage: "DingTalk itself refused", which admins must hear even after the 100 % notice. */
const REFUSED_LEVEL = 101;

/** The quota resets with the calendar month in China (UTC+8), whatever the factory's own zone. */
const QUOTA_ZONE = 'Asia/Shanghai';

export interface CallBudgetDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  /** Where notices to admins are written; it must reach them on DingTalk. */
  outbox: Outbox;
  limit?: number;
}

/**
 * Counts the metered calls this server makes (§6; token, gateway and session-webhook calls are
 * exempt) and tells the admins as the month's budget runs out. Only our own calls are seen:
 * other apps of the same organisation spend the same quota unseen, so the notices are early
 * warnings, not the platform's own figure. UNCONFIRMED whether robot sends count at all (§6);
 * they are counted, to be safe.
 */
export class CallBudget {
  readonly limit: number;

  constructor(private readonly deps: CallBudgetDeps) {
    this.limit = deps.limit ?? FREE_EDITION_MONTHLY_CALLS;
  }

  /** One metered call the platform accepted (or refused on its merits: it still counted it). */
  async count(): Promise<void> {
    const now = this.deps.clock.now();
    const month = this.monthOf(now);
    const em = this.deps.orm.em.fork();
    if ((await this.bump(em, month, now)) === 0 && !(await this.startMonth(em, month, now, 1)))
      await this.bump(em, month, now);
    const row = await this.deps.orm.em.fork().findOneOrFail(DingtalkCallBudget, month);
    const reached = NOTICE_PERCENTS.filter((p) => row.calls * 100 >= this.limit * p).at(-1);
    if (reached !== undefined && reached > row.noticedPercent)
      await this.notify(month, reached, m.budgetNotice(reached, row.calls, this.limit, month));
  }

  /** DingTalk answered that the organisation's quota is used up. */
  async refusedByPlatform(): Promise<void> {
    const now = this.deps.clock.now();
    const month = this.monthOf(now);
    // Other apps of the organisation may have spent the quota before we made a call this month.
    await this.startMonth(this.deps.orm.em.fork(), month, now, 0);
    await this.notify(month, REFUSED_LEVEL, m.budgetExhausted(await this.usedIn(month), month));
  }

  private async usedIn(month: string): Promise<number> {
    return (await this.deps.orm.em.fork().findOne(DingtalkCallBudget, month))?.calls ?? 0;
  }

  private monthOf(at: Date): string {
    return inZone(at, QUOTA_ZONE).format('YYYY-MM');
  }

  /** An atomic increment: several dispatchers may be counting at once. */
  private bump(em: EntityManager, month: string, now: Date): Promise<number> {
    return em.nativeUpdate(DingtalkCallBudget, { month }, { calls: raw('calls + 1'), updatedAt: now });
  }

  /** False when the month's row exists already (another instance may have just written it). */
  private async startMonth(em: EntityManager, month: string, now: Date, calls: number): Promise<boolean> {
    try {
      await em.insert(DingtalkCallBudget, { month, calls, noticedPercent: 0, updatedAt: now });
      return true;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return false;
      throw error;
    }
  }

  /** Claims the notice level first, so one instance sends it, once; the dedupe keys make sure. */
  private async notify(month: string, level: number, text: string): Promise<void> {
    await this.deps.orm.em.fork().transactional(async (tx) => {
      const claimed = await tx.nativeUpdate(
        DingtalkCallBudget,
        { month, noticedPercent: { $lt: level } },
        { noticedPercent: level },
      );
      if (claimed === 0) return;
      const admins = await peopleWithRole(tx, 'admin');
      this.deps.logger.warn({ month, level, admins: admins.length }, 'DingTalk call budget notice');
      for (const admin of admins) {
        await this.deps.outbox.enqueue(
          tx,
          { kind: 'person', personId: admin.id },
          { kind: 'text', text },
          { dedupeKey: `dingtalk-budget:${month}:${level}:${admin.id}` },
        );
      }
    });
  }
}
