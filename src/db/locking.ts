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
