import { IsolationLevel, LockMode, type EntityManager } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/knex';

/**
 * `SELECT … FOR UPDATE` where the database has row locks. SQLite has none to take: it lets
 * one writer in at a time for the whole file, which serialises writers anyway.
 */
export function rowWriteLock(em: EntityManager): { lockMode?: LockMode } {
  return em.getPlatform() instanceof BaseSqlitePlatform ? {} : { lockMode: LockMode.PESSIMISTIC_WRITE };
}

/**
 * Units of work that change things read at READ COMMITTED on MySQL: under InnoDB's default
 * REPEATABLE READ a transaction keeps reading the snapshot from its first SELECT, so rows
 * read after a lock was granted could still be the ones from before the other writer.
 */
export function writeTransaction(em: EntityManager): { isolationLevel?: IsolationLevel } {
  return em.getPlatform() instanceof BaseSqlitePlatform
    ? {}
    : { isolationLevel: IsolationLevel.READ_COMMITTED };
}

/**
 * `SELECT … LOCK IN SHARE MODE` where the database has row locks: a read in id order then
 * waits for a row inserted with a lower id by a transaction not yet committed, instead of
 * passing it by, so a feed read "after id n" never skips a row that commits late. SQLite
 * lets one writer in at a time, so its ids are already handed out in commit order.
 */
export function rowReadLock(em: EntityManager): { lockMode?: LockMode.PESSIMISTIC_READ } {
  return em.getPlatform() instanceof BaseSqlitePlatform ? {} : { lockMode: LockMode.PESSIMISTIC_READ };
}
