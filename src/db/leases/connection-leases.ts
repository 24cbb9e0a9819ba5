import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Clock } from '../../shared/clock.js';
import type { Orm } from '../orm.js';
import { ConnectionLease } from './connection-lease.entity.js';
import { isLockConflict, retryOnLockConflict } from '../lock-retry.js';

/** Names this process among the server's instances, in logs and in the lease table. */
export function leaseHolderId(): string {
  return `${hostname().slice(0, 80)}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * One holder per named lease, decided by the database alone. Expiry is judged by the caller's
 * clock, so the instances' clocks must agree to well within a lease (NTP does).
 */
export class ConnectionLeases {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes or renews the lease for `ttlMs` and answers until when it is held, or undefined when
   * another holder has it. Each statement is atomic on its own: the conditional UPDATE
   * re-checks its WHERE under the row's write lock (InnoDB) or the file's (SQLite), and of two
   * INSERTs of a missing row only one survives the primary key.
   */
  async hold(name: string, holder: string, ttlMs: number): Promise<Date | undefined> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    const em = this.orm.em.fork();
    // InnoDB may pick the UPDATE as a deadlock victim when many instances race for an expired
    // lease: it is rolled back whole, so asking again is safe, and a holder renewing must not
    // read it as having lost the lease.
    const taken = await retryOnLockConflict(() =>
      em.nativeUpdate(
        ConnectionLease,
        { name, $or: [{ holder }, { expiresAt: { $lte: now } }] },
        { holder, expiresAt },
      ),
    );
    if (taken > 0) return expiresAt;
    try {
      await em.insert(ConnectionLease, { name, holder, expiresAt });
      return expiresAt;
    } catch (error) {
      // Another instance inserted it first. InnoDB may instead answer one of two racing INSERTs of
      // the same key with a deadlock: that one is rolled back and holds nothing either, and asks
      // again at its next renewal.
      if (error instanceof UniqueConstraintViolationException || isLockConflict(error)) return undefined;
      throw error;
    }
  }

  /** Gives the lease up at once, so another instance need not wait for it to expire. */
  async release(name: string, holder: string): Promise<void> {
    await this.orm.em.fork().nativeDelete(ConnectionLease, { name, holder });
  }
}
