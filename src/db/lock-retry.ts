import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';

/**
 * Runs `work` again when it lost a lock to another writer: InnoDB may pick this transaction as
 * a deadlock victim, and SQLite gives up with "database is locked" once its busy timeout has
 * passed (the console and the server may share the embedded file). Each attempt must be a
 * fresh transaction, so a retry sees what the other writer committed.
 */
export async function retryOnLockConflict<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const conflict = error instanceof LockWaitTimeoutException || error instanceof DeadlockException;
      if (!conflict || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 75));
    }
  }
}
