import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';

/** InnoDB's codes as the driver reports them where MikroORM does not convert (raw knex queries). */
const INNODB_LOCK_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * Whether a write lost a lock to another writer: InnoDB picked it as a deadlock victim or gave
 * up waiting, or SQLite found the file locked (libsql reports a COMMIT that found the file
 * locked without MikroORM's conversion).
 */
export function isLockConflict(error: unknown): boolean {
  if (error instanceof LockWaitTimeoutException || error instanceof DeadlockException) return true;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || INNODB_LOCK_CODES.has(code)))
    return true;
  return /database is locked/.test(String(message));
}

export interface LockRetryOptions {
  /** How many times `work` runs at most; the last conflict is thrown. */
  attempts?: number;
  /** Told of each conflict that is retried (attempt 1 is the first run), for a log line. */
  onRetry?: (attempt: number, error: unknown) => void;
}

/**
 * Runs `work` again when it lost a lock to another writer: on either database, for the chat
 * engine, the scans, the incentives and the job store alike (the console and the server may
 * share the embedded file; InnoDB may deadlock two transactions). Each attempt must be a fresh
 * transaction, so a retry sees what the other writer committed. Any other error is thrown at once.
 */
export async function retryOnLockConflict<T>(
  work: () => Promise<T>,
  { attempts = 5, onRetry }: LockRetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isLockConflict(error) || attempt >= attempts) throw error;
      onRetry?.(attempt, error);
      await new Promise((resolve) => setTimeout(resolve, lockRetryDelayMs(attempt)));
    }
  }
}

/**
 * Random, so two writers that collided do not meet again in step; longer after each conflict,
 * so a writer holding the lock for a while gets room to finish.
 */
export function lockRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  return 25 + random() * 75 * attempt;
}
