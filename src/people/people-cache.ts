import type { EntityManager, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import type { Orm } from '../db/orm.js';

/**
 * How long a person found stays found. Within this process a change is seen at once (below);
 * another process on the same database (a second server, the chat console) cannot tell this
 * one, so a role taken away or a person deactivated there counts here after at most this long.
 */
export const PEOPLE_KEPT_MS = 30_000;

/** Entities whose change can change who a platform id is, or what that person may do. */
const WATCHED = new Set(['Person', 'ChannelIdentity']);

/**
 * People by the id a platform gives them, and their ids by person, kept between requests: every
 * inbound event looks its sender up, every push to a person their ids, and people change a few
 * times a month. Only people found are kept, so someone bound a moment ago is found at once. Everything is forgotten when a flush changes a person or an
 * identity, when `forgetPeople` is called (for writes that bypass the unit of work),
 * and again when that transaction ends: a look-up between the flush and the commit still read
 * the old row (or, in the changing transaction, a row that a rollback takes back).
 */
class PeopleCache implements EventSubscriber {
  private readonly people = new Map<string, { found: unknown; until: number }>();
  private changed = false;

  /** What `load` finds for `key`, kept unless it is undefined. */
  async lookUp<T>(key: string, load: () => Promise<T>): Promise<T> {
    const kept = this.people.get(key);
    if (kept && kept.until > performance.now()) return kept.found as T;
    const found = await load();
    if (found !== undefined) this.people.set(key, { found, until: performance.now() + PEOPLE_KEPT_MS });
    else this.people.delete(key);
    return found;
  }

  forget(): void {
    this.people.clear();
    this.changed = true;
  }

  onFlush({ uow }: FlushEventArgs): void {
    if (uow.getChangeSets().some((c) => WATCHED.has(c.meta.className))) this.forget();
  }

  afterTransactionCommit(): void {
    this.settle();
  }

  /** A look-up inside the failed transaction may have kept what it had written. */
  afterTransactionRollback(): void {
    this.settle();
  }

  private settle(): void {
    if (!this.changed) return;
    this.people.clear();
    this.changed = false;
  }
}

/** One cache per ORM (per database): two apps in one process never see each other's people. */
const caches = new WeakMap<object, PeopleCache>();

/**
 * Keeps people found by `personByIdentity` for this ORM from now on. The chat engine installs it;
 * a process that never does (a CLI tool) simply looks everyone up.
 */
export function keepPeopleFound(orm: Orm): void {
  if (caches.has(orm.config)) return;
  const cache = new PeopleCache();
  // On the ORM's own event manager: every fork, transactions included, starts from its subscribers.
  orm.em.getEventManager().registerSubscriber(cache);
  caches.set(orm.config, cache);
}

export function peopleCacheOf(em: EntityManager): Pick<PeopleCache, 'lookUp'> | undefined {
  return caches.get(em.config);
}

/** After changing people, identities or teams with native statements, which flushes do not see. */
export function forgetPeople(em: EntityManager): void {
  caches.get(em.config)?.forget();
}
