import type { EntityManager } from '@mikro-orm/core';

type Award = (ids: number[]) => Promise<unknown>;

interface Waiting {
  ids: number[];
  /** The caller's own way to pay; a batch pays with its latest caller's (its clock is the latest). */
  award: Award;
  done: () => void;
  failed: (error: unknown) => void;
}

/**
 * Paying the points of one 报工 takes its trigger's cursor row lock and five reads and writes,
 * and every 报工 of the factory queues on that one row. Reports committed while a payment runs
 * are therefore paid together, by the next run, in one transaction: at a shift's end a burst of
 * reports pays in a few runs instead of one each. Each caller still waits until its own records
 * are paid, so `积分` right after a report shows them; a failed run fails each of its callers.
 */
class AwardBatches {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly running = new Set<string>();

  pay(trigger: string, ids: number[], award: Award): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return new Promise<void>((done, failed) => {
      const queue = this.waiting.get(trigger) ?? [];
      queue.push({ ids, award, done, failed });
      this.waiting.set(trigger, queue);
      if (!this.running.has(trigger)) void this.drain(trigger);
    });
  }

  private async drain(trigger: string): Promise<void> {
    this.running.add(trigger);
    try {
      for (;;) {
        const batch = this.waiting.get(trigger) ?? [];
        const latest = batch.at(-1);
        if (!latest) return;
        this.waiting.delete(trigger);
        try {
          await latest.award(batch.flatMap((w) => w.ids));
          for (const w of batch) w.done();
        } catch (error) {
          for (const w of batch) w.failed(error);
        }
      }
    } finally {
      this.running.delete(trigger);
    }
  }
}

/** One per ORM (per database): two apps in one process never pay each other's reports. */
const batches = new WeakMap<object, AwardBatches>();

/** Pays `ids` with `award`, together with whatever else of `trigger` is waiting by then. */
export function payInBatches(em: EntityManager, trigger: string, ids: number[], award: Award): Promise<void> {
  let own = batches.get(em.config);
  if (!own) batches.set(em.config, (own = new AwardBatches()));
  return own.pay(trigger, ids, award);
}
