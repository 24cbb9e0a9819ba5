import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { retryOnLockConflict } from '../db/lock-retry.js';
import { writeTransaction } from '../db/locking.js';
import { EquipmentNotice } from './equipment-notice.entity.js';

/** Thrown inside `once` to roll the claim back when the subject changed since the scan read it. */
export class NoLongerDue extends Error {}

export type OnceOutcome = 'written' | 'lost' | 'skipped';

/**
 * Runs one decided action (a task made, a reminder pushed) in its own transaction. The work
 * writes a row with a unique key first; when another scan, on this server or another, wrote
 * it already, the insert fails and nothing is sent twice.
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
    throw error;
  }
}

/** The claim of a notice: the transaction's first write, so a concurrent scan collides at once. */
export async function claimNotice(tx: EntityManager, key: string, at: Date): Promise<EquipmentNotice> {
  const notice = tx.create(EquipmentNotice, { key, recipients: [], createdAt: at });
  await tx.flush();
  return notice;
}

/** Whether a notice was sent already; scans read this to skip work without a transaction. */
export async function noticeSent(em: EntityManager, key: string): Promise<boolean> {
  return (await em.count(EquipmentNotice, { key })) > 0;
}
