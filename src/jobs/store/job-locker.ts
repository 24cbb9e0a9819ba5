import type { JobId, JobParameters } from 'agenda';
import { decodeJob, encodeField, jobIdParam, JOBS } from './job-row.js';
import { ReadAhead } from './read-ahead.js';
import type { SqlClient, SqlParam, SqlRow } from './sql-client.js';
import { placeholders } from './sql-where.js';

/** Claims tried before giving up for this scan, when other workers keep winning them. */
const ATTEMPTS = 12;

export interface Candidates {
  /** `due` or `expired`, and the job name: which read-ahead buffer the rows go to. */
  key: string;
  /** Reads lockable jobs (every column and a `guard`), in the order Agenda wants them locked; ends with `limit ?`. */
  sql: string;
  /** The parameters before the limit. */
  params: SqlParam[];
  /** The condition that made a candidate lockable, re-checked by the locking UPDATE. */
  stillLockable: string;
}

/** Unlocked jobs due by the next scan, in Agenda's order: `nextRunAt` ascending, then `priority` descending. */
export function dueCandidates(columns: string, name: string, nextScanAt: SqlParam): Candidates {
  return {
    key: `due:${name}`,
    sql:
      `select ${columns}, \`next_run_at\` as \`guard\` from ${JOBS} where \`name\` = ? and \`disabled\` = 0 ` +
      'and `locked_at` is null and `next_run_at` <= ? order by `next_run_at` asc, `priority` desc limit ?',
    params: [name, nextScanAt],
    stillLockable: '`disabled` = 0 and `locked_at` is null and `next_run_at` = ?',
  };
}

/** Jobs whose lock is older than the deadline (their worker died), oldest lock first. */
export function expiredCandidates(columns: string, name: string, lockDeadline: SqlParam): Candidates {
  return {
    key: `expired:${name}`,
    sql:
      `select ${columns}, \`locked_at\` as \`guard\` from ${JOBS} where \`name\` = ? and \`disabled\` = 0 ` +
      'and `locked_at` <= ? order by `locked_at` asc limit ?',
    params: [name, lockDeadline],
    stillLockable: '`disabled` = 0 and `locked_at` = ?',
  };
}

/**
 * Locks jobs so that no two workers ever hold the same one, on MySQL and on SQLite alike: a
 * candidate is read, then claimed with a compare-and-set UPDATE that repeats the condition
 * that made it lockable. Exactly one UPDATE can match a candidate; the row count says who
 * won. A lost race costs another candidate, never a wait: nothing holds a lock between
 * statements, so locking needs no transaction and cannot deadlock with itself.
 */
export class JobLocker {
  private readonly readAhead = new Map<string, ReadAhead>();

  constructor(
    private readonly client: SqlClient,
    private readonly columns: string,
  ) {}

  /**
   * Agenda's `getNextJobToRun`: the first unlocked job due by `nextScanAt` in Agenda's order
   * (`nextRunAt` ascending, then `priority` descending), else a job whose lock is older than
   * `lockDeadline` — a worker that died holding it — oldest lock first. "First" is as of the
   * last look at the queue (see ReadAhead), at most half a second old; while other workers
   * race for the same queue, any of its first thirty jobs.
   */
  async lockNext(
    name: string,
    nextScanAt: Date,
    lockDeadline: Date,
    lockedAt: Date,
    lastModifiedBy: string | null,
  ): Promise<JobParameters | undefined> {
    const dialect = this.client.dialect;
    const due = dueCandidates(this.columns, name, encodeField(dialect, 'nextRunAt', nextScanAt));
    const expired = expiredCandidates(this.columns, name, encodeField(dialect, 'lockedAt', lockDeadline));
    const claim = { lockedAt, lastModifiedBy };
    return (await this.lockFirstOf(due, claim)) ?? (await this.lockFirstOf(expired, claim));
  }

  /** Agenda's `lockJob`: locks this job if it is still unlocked, enabled and due when it was read. */
  async lock(
    job: JobParameters,
    lockedAt: Date,
    lastModifiedBy: string | null,
  ): Promise<JobParameters | undefined> {
    const id = jobIdParam(job._id);
    if (id === undefined) return undefined;
    const dialect = this.client.dialect;
    const locked = await this.client.run(
      `update ${JOBS} set \`locked_at\` = ?, \`last_modified_by\` = ? where \`id\` = ? and \`name\` = ? ` +
        `and \`disabled\` = 0 and \`locked_at\` is null and ${dialect.nullSafeEquals('`next_run_at`', '?')}`,
      [
        encodeField(dialect, 'lockedAt', lockedAt),
        lastModifiedBy,
        id,
        job.name,
        encodeField(dialect, 'nextRunAt', job.nextRunAt),
      ],
    );
    return locked === 1 ? this.read(id) : undefined;
  }

  /**
   * Releases locks, but only of jobs that still have a next run (Agenda's Mongo backend keeps
   * the same rule). A one-time job's `nextRunAt` becomes null when its run starts; if its
   * worker died mid-run, the expired lock is the only thing that brings the job back, and
   * clearing it would leave the job neither due nor expired: stranded for ever.
   */
  async unlock(ids: ReadonlyArray<JobId | string | undefined>): Promise<void> {
    const params = ids.map(jobIdParam).filter((id) => id !== undefined);
    if (params.length === 0) return;
    await this.client.run(
      `update ${JOBS} set \`locked_at\` = null where \`id\` in (${placeholders(params.length)}) and \`next_run_at\` is not null`,
      params,
    );
  }

  /**
   * The job handed back is the candidate as read, with the lock it now has. A save that
   * changed it between the read and the claim is one the run would also have missed had
   * the save come just after the lock, except for what decides whether the job may be
   * locked at all, and that the claim checks again.
   */
  private async lockFirstOf(
    candidates: Candidates,
    claim: { lockedAt: Date; lastModifiedBy: string | null },
  ): Promise<JobParameters | undefined> {
    const ahead = this.readAhead.get(candidates.key) ?? new ReadAhead();
    this.readAhead.set(candidates.key, ahead);
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      let row = ahead.next(Date.now());
      if (!row) {
        const found = await ahead.refill(() =>
          this.client.rows(candidates.sql, [...candidates.params, ahead.batchSize]),
        );
        if (found === 0) return undefined;
        row = ahead.next(Date.now());
      }
      // Another scan of this process may have taken every row of the look it waited for.
      if (!row) continue;
      if (await this.claim(candidates, row, claim)) {
        return {
          ...decodeJob(this.client.dialect, row),
          lockedAt: claim.lockedAt,
          lastModifiedBy: claim.lastModifiedBy ?? undefined,
        };
      }
      ahead.lostRace(Date.now());
    }
    return undefined;
  }

  private async claim(
    candidates: Candidates,
    row: SqlRow,
    claim: { lockedAt: Date; lastModifiedBy: string | null },
  ): Promise<boolean> {
    const claimed = await this.client.run(
      `update ${JOBS} set \`locked_at\` = ?, \`last_modified_by\` = ? where \`id\` = ? and ${candidates.stillLockable}`,
      [
        encodeField(this.client.dialect, 'lockedAt', claim.lockedAt),
        claim.lastModifiedBy,
        asParam(row.id),
        asParam(row.guard),
      ],
    );
    return claimed === 1;
  }

  private async read(id: SqlParam): Promise<JobParameters | undefined> {
    const row = await this.client.firstRow(`select ${this.columns} from ${JOBS} where \`id\` = ?`, [id]);
    return row && decodeJob(this.client.dialect, row);
  }
}

/** A value read from the database, bound back unchanged so that the comparison is exact. */
function asParam(value: unknown): SqlParam {
  if (typeof value === 'string' || typeof value === 'number' || value === null) return value;
  throw new Error(`unexpected value from the jobs table: ${String(value)}`);
}
