import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { AppError } from '../../shared/errors.js';
import { inZone } from '../../shared/time.js';
import { advanceSequence } from './sequence.js';

/** A kind of record numbered `<prefix>-<factory day>-<n>` (WO-20261124-001) unless given a number. */
export interface DayNumbering {
  /** The sequence's key, e.g. `work_order`. */
  kind: string;
  prefix: string;
  /** Whether a record already carries this number (one given explicitly, or made before sequences). */
  isTaken(em: EntityManager, number: string): Promise<boolean>;
  /** The refusal of a number in use; its Chinese text belongs to the record's module. */
  taken(number: string, cause?: unknown): NumberTakenError;
}

/** An explicit number that another record already has: a conflict the person can fix, not a fault. */
export class NumberTakenError extends AppError {
  constructor(message: string, userMessage: string, number: string, cause?: unknown) {
    super('number_taken', message, { status: 409, userMessage, details: { number }, cause });
  }
}

/**
 * The next free number of the factory day `at` falls in. Must run inside the creating
 * transaction, which then holds the day's sequence until it commits; numbers already taken
 * explicitly are stepped over rather than failing every later creation.
 */
export async function nextDayNumber(
  em: EntityManager,
  numbering: DayNumbering,
  at: Date,
  tz: string,
): Promise<string> {
  const day = inZone(at, tz).format('YYYYMMDD');
  for (;;) {
    const n = await advanceSequence(em, { kind: numbering.kind, scope: day }, 1);
    const number = `${numbering.prefix}-${day}-${String(n).padStart(3, '0')}`;
    if (!(await numbering.isTaken(em, number))) return number;
  }
}

/**
 * Refuses an explicit number in use. One shaped like an automatic number first waits for its
 * day's sequence, so it cannot be taken between this check and the insert by an automatic one.
 */
export async function claimExplicitNumber(
  em: EntityManager,
  numbering: DayNumbering,
  number: string,
): Promise<void> {
  const day = new RegExp(`^${numbering.prefix}-(\\d{8})-\\d+$`).exec(number)?.[1];
  if (day !== undefined) await advanceSequence(em, { kind: numbering.kind, scope: day }, 0);
  if (await numbering.isTaken(em, number)) throw numbering.taken(number);
}

/**
 * Flushes a new numbered record. A violation of the number's unique key here means a concurrent
 * writer committed the same explicit number first (the check above could not see it yet): the
 * same conflict. Both dialects name the key or column, which contains `number`.
 */
export async function flushNumbered(
  em: EntityManager,
  numbering: DayNumbering,
  number: string,
): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException && /number/.test(error.message))
      throw numbering.taken(number, error);
    throw error;
  }
}
