import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';

/**
 * Whether a write lost a lock to another writer: InnoDB picked it as a deadlock victim or gave
 * up waiting, or SQLite found the file locked (libsql reports a COMMIT that found the file
 * locked without MikroORM's conversion).
 */
export function isLockConflict(error: unknown): boolean {
  if (error instanceof LockWaitTimeoutException || error instanceof DeadlockException) return true;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) || /database is locked/.test(String(message))
  );
}

/**
 * Runs `work` again when it lost a lock to another writer (the console and the server may share
 * the embedded file). Each attempt must be a fresh transaction, so a retry sees what the other
 * writer committed.
 */
export async function retryOnLockConflict<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isLockConflict(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 75));
    }
  }
}
