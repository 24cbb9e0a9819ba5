import type { EntityManager, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import type { Orm } from './orm.js';

/**
 * How long a read stays kept. Within this process a change is seen at once (below); another
 * process on the same database (a second server, the chat console, an import) cannot tell this
 * one, so its change counts here after at most this long.
 */
export const READS_KEPT_MS = 30_000;

/**
 * After a change nothing depending on it is kept for this long: the changing transaction may not
 * have committed yet, and a look-up in between still reads the rows as they were. (Forgetting
 * again on commit would take a transaction hook, which every commit would then wait on.)
 */
const SETTLE_MS = 5_000;

interface Kept {
  found: unknown;
  until: number;
  /** The entities (class names) the read depends on. */
  on: readonly string[];
}

/**
 * Reads of rows that change a few times a month, asked for by every request (who sent a message,
 * which webhook subscriptions want an event), kept between requests. Each read names the entities
 * it depends on; a flush that changes one of them forgets it, as does `forget` (for writes that
 * bypass the unit of work). Undefined is never kept: something created a moment ago is found.
 */
export class KeptReads implements EventSubscriber {
  private readonly kept = new Map<string, Kept>();
  private readonly settledAt = new Map<string, number>();
  /** Every entity some read depends on: a flush changing none of them costs no walk. */
  private readonly watched = new Set<string>();

  async lookUp<T>(key: string, on: readonly string[], load: () => Promise<T>): Promise<T> {
    for (const name of on) this.watched.add(name);
    const kept = this.kept.get(key);
    if (kept && kept.until > performance.now()) return kept.found as T;
    const found = await load();
    const now = performance.now();
    const settling = on.some((name) => now < (this.settledAt.get(name) ?? 0));
    if (found === undefined || settling) this.kept.delete(key);
    else this.kept.set(key, { found, until: now + READS_KEPT_MS, on });
    return found;
  }

  /** Forgets every read depending on one of `changed` (entity class names). */
  forget(changed: readonly string[]): void {
    const settled = performance.now() + SETTLE_MS;
    for (const name of changed) this.settledAt.set(name, settled);
    if (!changed.some((name) => this.watched.has(name))) return;
    for (const [key, kept] of this.kept)
      if (kept.on.some((name) => changed.includes(name))) this.kept.delete(key);
  }

  onFlush({ uow }: FlushEventArgs): void {
    const changeSets = uow.getChangeSets();
    if (changeSets.length > 0) this.forget([...new Set(changeSets.map((c) => c.meta.className))]);
  }
}

/** One per ORM (per database): two apps in one process never see each other's reads. */
const keptReads = new WeakMap<object, KeptReads>();

/**
 * Keeps reads for this ORM from now on. The chat engine installs it; a process that never does
 * (a CLI tool) simply reads everything each time.
 */
export function keepReads(orm: Orm): void {
  if (keptReads.has(orm.config)) return;
  const reads = new KeptReads();
  // On the ORM's own event manager: every fork, transactions included, starts from its subscribers.
  orm.em.getEventManager().registerSubscriber(reads);
  keptReads.set(orm.config, reads);
}

/** `load()`, or what it returned before for `key` while nothing in `on` changed. */
export function keptRead<T>(
  em: EntityManager,
  key: string,
  on: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  const reads = keptReads.get(em.config);
  return reads ? reads.lookUp(key, on, load) : load();
}

/** Forgets reads depending on `changed` after writes a flush does not see (native statements). */
export function forgetReads(em: EntityManager, changed: readonly string[]): void {
  keptReads.get(em.config)?.forget(changed);
}
