import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { isLockConflict, retryOnLockConflict } from './lock-retry.js';
import { writeTransaction } from './locking.js';

/** Thrown inside `once` to roll the claim back when the subject changed since the scan read it. */
export class NoLongerDue extends Error {}

/** `busy`: the database stayed locked by another writer; the next scan tries again. */
export type OnceOutcome = 'written' | 'lost' | 'skipped' | 'busy';

/**
 * Runs one decided action of a scan (a reminder sent, a task made) in its own transaction.
 * The work writes a row with a unique key first; when another scan, on this server or
 * another, wrote it already, the insert fails and nothing is sent twice (`lost`). A lock
 * conflict (SQLite has one writer; MySQL may deadlock two scans) is retried as everywhere
 * (`retryOnLockConflict`), then left for the next scan.
 */
export async function once(
  em: EntityManager,
  work: (tx: EntityManager) => Promise<void>,
): Promise<OnceOutcome> {
  try {
    await retryOnLockConflict(() => em.fork().transactional(work, writeTransaction(em)));
    return 'written';
  } catch (error) {
    if (error instanceof NoLongerDue) return 'skipped';
    if (error instanceof UniqueConstraintViolationException) return 'lost';
    if (isLockConflict(error)) return 'busy';
    throw error;
  }
}
