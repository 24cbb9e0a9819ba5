import type { EntityManager, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import type { Orm } from '../db/orm.js';

/**
 * How long a person found stays found. Within this process a change is seen at once (below);
 * another process on the same database (a second server, the chat console) cannot tell this
 * one, so a role taken away or a person deactivated there counts here after at most this long.
 */
export const PEOPLE_KEPT_MS = 30_000;

/**
 * After a change nothing is kept for this long: the changing transaction may not have committed
 * yet, and a look-up in between still reads the row as it was. (Forgetting again on commit would
 * take a transaction hook, which every commit of every request would then wait on.)
 */
const SETTLE_MS = 5_000;

/** Entities whose change can change who a platform id is, or what that person may do. */
const WATCHED = new Set(['Person', 'ChannelIdentity']);

/**
 * People by the id a platform gives them, and their ids by person, kept between requests: every
 * inbound event looks its sender up, every push to a person their ids, and people change a few
 * times a month. Only people found are kept, so someone bound a moment ago is found at once.
 * Everything is forgotten when a flush changes a person or an identity, or when `forgetPeople`
 * is called (for writes that bypass the unit of work).
 */
class PeopleCache implements EventSubscriber {
  private readonly people = new Map<string, { found: unknown; until: number }>();
  private settledAt = 0;

  /** What `load` finds for `key`, kept unless it is undefined. */
  async lookUp<T>(key: string, load: () => Promise<T>): Promise<T> {
    const kept = this.people.get(key);
    if (kept && kept.until > performance.now()) return kept.found as T;
    const found = await load();
    const now = performance.now();
    if (found === undefined || now < this.settledAt) this.people.delete(key);
    else this.people.set(key, { found, until: now + PEOPLE_KEPT_MS });
    return found;
  }

  forget(): void {
    this.people.clear();
    this.settledAt = performance.now() + SETTLE_MS;
  }

  onFlush({ uow }: FlushEventArgs): void {
    if (uow.getChangeSets().some((c) => WATCHED.has(c.meta.className))) this.forget();
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

/** The cache of this ORM, to forget when people change in ways its flush hook cannot see. */
export function peopleCacheToForget(em: EntityManager): Pick<PeopleCache, 'forget'> | undefined {
  return caches.get(em.config);
}
