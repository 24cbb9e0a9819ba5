import {
  DeadlockException,
  LockWaitTimeoutException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isLockConflict, lockRetryDelayMs, retryOnLockConflict } from '../../src/db/lock-retry.js';

/** What libsql throws when another process holds the file's write lock. */
const sqliteBusy = () => Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });

/** Runs `work` under the helper with fake timers, and notes when each run started. */
async function runWithClock<T>(work: () => Promise<T>, attempts?: number) {
  const startedAt: number[] = [];
  const retried: number[] = [];
  const outcome = retryOnLockConflict(
    () => {
      startedAt.push(Date.now());
      return work();
    },
    { attempts, onRetry: (attempt) => retried.push(attempt) },
  ).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return { ...(await outcome), startedAt, retried };
}

describe('retrying a write that lost a lock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('knows the lock conflicts of both databases, converted by MikroORM or straight from the driver', () => {
    const conflicts = [
      new DeadlockException(new Error('Deadlock found when trying to get lock')),
      new LockWaitTimeoutException(new Error('Lock wait timeout exceeded')),
      Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK' }),
      Object.assign(new Error('Lock wait timeout exceeded'), { code: 'ER_LOCK_WAIT_TIMEOUT' }),
      sqliteBusy(),
      Object.assign(new Error('busy'), { code: 'SQLITE_BUSY_SNAPSHOT' }),
      new Error('database is locked'),
    ];
    expect(conflicts.map(isLockConflict)).toEqual(conflicts.map(() => true));
    const others = [
      new UniqueConstraintViolationException(new Error('Duplicate entry')),
      Object.assign(new Error('no such table'), { code: 'SQLITE_ERROR' }),
      new Error('boom'),
      undefined,
      'a string',
    ];
    expect(others.map(isLockConflict)).toEqual(others.map(() => false));
  });

  it('runs the work again after each conflict, after a pause, until it goes through', async () => {
    let runs = 0;
    const outcome = await runWithClock(async () => {
      runs += 1;
      if (runs < 3) throw sqliteBusy();
      return 'stored';
    });
    expect(outcome).toMatchObject({ value: 'stored', retried: [1, 2] });
    const [first = 0, second = 0, third = 0] = outcome.startedAt;
    expect(second - first).toBeGreaterThanOrEqual(25);
    expect(third - second).toBeGreaterThanOrEqual(25);
  });

  it('gives up after the attempts it was given and throws the last conflict', async () => {
    const conflict = new LockWaitTimeoutException(new Error('Lock wait timeout exceeded'));
    const outcome = await runWithClock(() => Promise.reject(conflict), 3);
    expect(outcome).toMatchObject({ error: conflict, retried: [1, 2] });
    expect(outcome.startedAt).toHaveLength(3);
  });

  it('throws any other error at once, without running the work again', async () => {
    const refusal = new UniqueConstraintViolationException(new Error('Duplicate entry'));
    const outcome = await runWithClock(() => Promise.reject(refusal));
    expect(outcome).toMatchObject({ error: refusal, retried: [] });
    expect(outcome.startedAt).toHaveLength(1);
  });

  it('runs five times unless told otherwise', async () => {
    const outcome = await runWithClock(() => Promise.reject(sqliteBusy()));
    expect(outcome.startedAt).toHaveLength(5);
  });

  it('pauses at random between 25 ms and a ceiling that grows with each conflict', () => {
    expect(lockRetryDelayMs(1, () => 0)).toBe(25);
    expect(lockRetryDelayMs(1, () => 1)).toBe(100);
    expect(lockRetryDelayMs(4, () => 1)).toBe(325);
  });
});
