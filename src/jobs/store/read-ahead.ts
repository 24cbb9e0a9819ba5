import type { SqlRow } from './sql-client.js';

/** Jobs read in one look at the queue; Agenda locks them one call at a time. */
const READ_AHEAD = 10;
/** Read while racing: more rows to pick from at random make two workers pick the same one less often. */
const READ_AHEAD_CONTENDED = 30;
/** How long rows read ahead may be claimed before the queue is looked at again. */
const FRESH_MS = 500;
/** How long after a lost race the rows read ahead are tried in random order. */
const CONTENDED_MS = 2_000;

/**
 * Lockable jobs read ahead for one kind of lookup (due, or expired, jobs of one name).
 * Agenda asks for the next job once per lock, many times in a row when a queue is full; reading
 * ten candidates at once makes a lock cost one UPDATE instead of a SELECT and an UPDATE.
 *
 * The rows are only candidates: each claim re-checks in the database what made the row
 * lockable, so a row that changed meanwhile is not claimed. While other workers race for the
 * same queue (a claim was lost recently), the rows are tried in random order, so the workers
 * spread over the head of the queue instead of colliding on the same next job again.
 */
export class ReadAhead {
  private rows: SqlRow[] = [];
  private freshUntil = 0;
  private contendedUntil = 0;
  private reading: Promise<number> | undefined;

  /** How many rows the next look at the queue should read. */
  get batchSize(): number {
    return Date.now() < this.contendedUntil ? READ_AHEAD_CONTENDED : READ_AHEAD;
  }

  /** The next candidate read ahead, while the rows are fresh; no two callers get the same row. */
  next(now: number): SqlRow | undefined {
    return now < this.freshUntil ? this.rows.shift() : undefined;
  }

  /**
   * Looks at the queue again, unless a look for this buffer is already under way: Agenda may
   * fill its queue from two scans at once, and two reads would hand both the same rows.
   * Resolves to how many lockable jobs the look found.
   */
  refill(read: () => Promise<SqlRow[]>): Promise<number> {
    this.reading ??= read()
      .then((rows) => {
        const now = Date.now();
        this.rows = now < this.contendedUntil ? shuffle(rows) : rows;
        this.freshUntil = now + FRESH_MS;
        return rows.length;
      })
      .finally(() => (this.reading = undefined));
    return this.reading;
  }

  /** Another worker claimed a candidate first: look at the queue again, and spread out. */
  lostRace(now: number): void {
    this.rows = [];
    this.contendedUntil = now + CONTENDED_MS;
  }
}

function shuffle<T>(items: T[]): T[] {
  return items
    .map((item) => ({ item, key: Math.random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}
