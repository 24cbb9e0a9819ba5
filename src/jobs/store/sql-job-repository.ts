import type {
  JobId,
  JobParameters,
  JobRepository,
  JobRepositoryOptions,
  JobsOverview,
  JobsQueryOptions,
  JobsResult,
  JobsSort,
  RemoveJobsOptions,
} from 'agenda';
import { queryWhere, selectionWhere } from './job-filters.js';
import { JobLocker } from './job-locker.js';
import { decodeJob, encodeField, jobColumnList, jobIdParam, JOBS } from './job-row.js';
import { JobSaver } from './job-saver.js';
import { isJobState, JOB_STATE_SQL, JOB_STATES } from './job-state-sql.js';
import type { SqlClient, SqlParam } from './sql-client.js';

/** Sortable fields; nullable ones sort their nulls last in either direction, as the official backends do. */
const SORT_COLUMNS: Record<keyof JobsSort, { column: string; nullable: boolean }> = {
  nextRunAt: { column: 'next_run_at', nullable: true },
  lastRunAt: { column: 'last_run_at', nullable: true },
  lastFinishedAt: { column: 'last_finished_at', nullable: true },
  priority: { column: 'priority', nullable: false },
  name: { column: 'name', nullable: false },
  data: { column: 'data', nullable: true },
};

/** Agenda's `JobRepository` on the `agenda_jobs` table, through the application's SQL connection. */
export class SqlJobRepository implements JobRepository {
  private readonly columns: string;
  private readonly saver: JobSaver;
  private readonly locker: JobLocker;

  constructor(private readonly client: SqlClient) {
    this.columns = jobColumnList(client.dialect);
    this.saver = new JobSaver(client, this.columns);
    this.locker = new JobLocker(client, this.columns);
  }

  /** The connection is the application's and already open; this checks that the migrations made the table. */
  async connect(): Promise<void> {
    try {
      await this.client.rows(`select 1 from ${JOBS} where 1 = 0`);
    } catch (error) {
      throw new Error(`the Agenda job store cannot read ${JOBS}; are the migrations applied?`, {
        cause: error,
      });
    }
  }

  /** Filters, the computed state included, sorting and paging all happen in the database. */
  async queryJobs(options: JobsQueryOptions = {}): Promise<JobsResult> {
    const now = this.now();
    const where = queryWhere(this.client.dialect, options);
    // 'paused' is not a computed state but the `disabled` flag (Agenda's JobState docs).
    if (options.state === 'paused') where.add('`disabled` = 1');
    else if (options.state) where.add(`(${JOB_STATE_SQL}) = ?`, now, now, options.state);
    const [rows, counted] = await Promise.all([
      this.client.rows(
        `select ${this.columns}, ${JOB_STATE_SQL} as \`state\` from ${JOBS}${where} ` +
          `order by ${orderBy(options.sort)}${paging(options.skip, options.limit)}`,
        [now, now, ...where.params],
      ),
      this.client.firstRow(`select count(*) as \`total\` from ${JOBS}${where}`, where.params),
    ]);
    const jobs = rows.map((row) => {
      const state = String(row.state);
      if (!isJobState(state)) throw new Error(`unexpected job state "${state}"`);
      return { ...decodeJob(this.client.dialect, row), state };
    });
    return { jobs, total: Number(counted?.total ?? 0) };
  }

  /** One grouped query; a disabled job counts in its state and in `paused`, as in the official backends. */
  async getJobsOverview(): Promise<JobsOverview[]> {
    const now = this.now();
    const stateCounts = JOB_STATES.map(
      (state) => `sum(case when \`state\` = '${state}' then 1 else 0 end) as \`${state}\``,
    ).join(', ');
    const rows = await this.client.rows(
      `select \`name\`, count(*) as \`total\`, ${stateCounts}, sum(\`disabled\`) as \`paused\` ` +
        `from (select \`name\`, \`disabled\`, ${JOB_STATE_SQL} as \`state\` from ${JOBS}) as \`jobs\` ` +
        'group by `name` order by `name`',
      [now, now],
    );
    return rows.map((row) => ({
      name: String(row.name),
      total: Number(row.total),
      running: Number(row.running),
      scheduled: Number(row.scheduled),
      queued: Number(row.queued),
      completed: Number(row.completed),
      failed: Number(row.failed),
      repeating: Number(row.repeating),
      paused: Number(row.paused),
    }));
  }

  async getDistinctJobNames(): Promise<string[]> {
    const rows = await this.client.rows(`select distinct \`name\` from ${JOBS} order by \`name\``);
    return rows.map((row) => String(row.name));
  }

  async getJobById(id: string): Promise<JobParameters | null> {
    const param = jobIdParam(id);
    if (param === undefined) return null;
    const row = await this.client.firstRow(`select ${this.columns} from ${JOBS} where \`id\` = ?`, [param]);
    return row ? decodeJob(this.client.dialect, row) : null;
  }

  /** Jobs whose next run is already due, enabled or not (the contract counts `nextRunAt < now`). */
  async getQueueSize(): Promise<number> {
    const row = await this.client.firstRow(
      `select count(*) as \`size\` from ${JOBS} where \`next_run_at\` < ?`,
      [this.now()],
    );
    return Number(row?.size ?? 0);
  }

  async removeJobs(options: RemoveJobsOptions): Promise<number> {
    const where = selectionWhere(this.client.dialect, options);
    return where.isEmpty ? 0 : this.client.run(`delete from ${JOBS}${where}`, where.params);
  }

  async saveJob<DATA = unknown>(
    job: JobParameters<DATA>,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters<DATA>> {
    // What comes back is the caller's own data, read back from the row it was written to.
    return (await this.saver.save(job, options?.lastModifiedBy ?? null)) as JobParameters<DATA>;
  }

  /** The processor's fields only; a job that vanished meanwhile is an error, as in the official backends. */
  async saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
    const id = jobIdParam(job._id);
    const encode = (field: Parameters<typeof encodeField>[1], value: unknown) =>
      encodeField(this.client.dialect, field, value);
    const matched =
      id === undefined
        ? 0
        : await this.client.run(
            `update ${JOBS} set \`locked_at\` = ?, \`next_run_at\` = ?, \`last_run_at\` = ?, \`progress\` = ?, ` +
              '`fail_reason` = ?, `fail_count` = ?, `failed_at` = ?, `last_finished_at` = ?, `last_modified_by` = ? ' +
              'where `id` = ? and `name` = ?',
            [
              encode('lockedAt', job.lockedAt),
              encode('nextRunAt', job.nextRunAt),
              encode('lastRunAt', job.lastRunAt),
              encode('progress', job.progress),
              encode('failReason', job.failReason),
              encode('failCount', job.failCount),
              encode('failedAt', job.failedAt),
              encode('lastFinishedAt', job.lastFinishedAt),
              options?.lastModifiedBy ?? null,
              id,
              job.name,
            ],
          );
    if (matched !== 1) {
      throw new Error(
        `job ${String(job._id)} (name: ${job.name}) cannot be updated in the database, maybe it does not exist anymore?`,
      );
    }
  }

  lockJob(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    return this.locker.lock(job, new Date(), options?.lastModifiedBy ?? null);
  }

  unlockJob(job: JobParameters): Promise<void> {
    return this.locker.unlock([job._id]);
  }

  unlockJobs(jobIds: (JobId | string)[]): Promise<void> {
    return this.locker.unlock(jobIds);
  }

  getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    return this.locker.lockNext(
      jobName,
      nextScanAt,
      lockDeadline,
      now ?? new Date(),
      options?.lastModifiedBy ?? null,
    );
  }

  disableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.setDisabled(options, true);
  }

  enableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.setDisabled(options, false);
  }

  purgeAllJobs(): Promise<number> {
    return this.client.run(`delete from ${JOBS}`);
  }

  private async setDisabled(options: RemoveJobsOptions, disabled: boolean): Promise<number> {
    const where = selectionWhere(this.client.dialect, options);
    if (where.isEmpty) return 0;
    return this.client.run(`update ${JOBS} set \`disabled\` = ?${where}`, [
      disabled ? 1 : 0,
      ...where.params,
    ]);
  }

  private now(): SqlParam {
    return encodeField(this.client.dialect, 'nextRunAt', new Date());
  }
}

function orderBy(sort: JobsSort | undefined): string {
  const requested = (Object.keys(SORT_COLUMNS) as Array<keyof JobsSort>).flatMap((field) => {
    const direction = sort?.[field];
    return direction === undefined ? [] : [sortTerm(field, direction)];
  });
  // Without a sort the official backends list the most recently scheduled and run jobs first.
  const terms =
    requested.length > 0 ? requested : [sortTerm('nextRunAt', 'desc'), sortTerm('lastRunAt', 'desc')];
  return [...terms, '`id` asc'].join(', ');
}

function sortTerm(field: keyof JobsSort, direction: 'asc' | 'desc'): string {
  const { column, nullable } = SORT_COLUMNS[field];
  const order = direction === 'asc' ? 'asc' : 'desc';
  return nullable ? `\`${column}\` is null, \`${column}\` ${order}` : `\`${column}\` ${order}`;
}

/** Agenda pages after filtering: `skip` alone skips, `limit` 0 means no limit. */
function paging(skip: number | undefined, limit: number | undefined): string {
  const offset = wholeNumber(skip);
  const count = wholeNumber(limit);
  if (count > 0) return ` limit ${count} offset ${offset}`;
  return offset > 0 ? ` limit ${Number.MAX_SAFE_INTEGER} offset ${offset}` : '';
}

function wholeNumber(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? Math.max(0, Math.trunc(value)) : 0;
}
