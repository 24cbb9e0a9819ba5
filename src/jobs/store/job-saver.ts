import type { JobParameters } from 'agenda';
import { debounceSchedule } from './debounce.js';
import { uniqueWhere } from './job-filters.js';
import {
  decodeJob,
  encodeField,
  jobFields,
  jobIdParam,
  JOBS,
  storedFields,
  type StoredField,
} from './job-row.js';
import type { SqlClient, SqlParam } from './sql-client.js';
import { placeholders } from './sql-where.js';

/**
 * Fields a save from user code may change on a stored job. Agenda's `Job.save()` leaves out
 * the processor's fields (lock, run and failure times, progress) so that a save made while
 * the job runs cannot undo what the processor wrote; an update must not clear them either.
 */
const USER_FIELDS = [
  'priority',
  'nextRunAt',
  'type',
  'repeatInterval',
  'repeatTimezone',
  'repeatAt',
  'data',
  'startDate',
  'endDate',
  'skipDays',
] as const satisfies readonly StoredField[];

type Assignments = Array<[column: string, sql: string, params: SqlParam[]]>;

/** `saveJob`: insert, update by id, upsert of a `single` job, or upsert by `unique()` criteria. */
export class JobSaver {
  constructor(
    private readonly client: SqlClient,
    private readonly columns: string,
  ) {}

  async save(job: JobParameters, lastModifiedBy: string | null): Promise<JobParameters> {
    if (job._id !== undefined) return this.updateById(job, lastModifiedBy);
    if (job.type === 'single') return this.upsertSingle(job, lastModifiedBy);
    if (job.unique) return this.upsertUnique(job, job.unique, lastModifiedBy);
    const values = this.rowValues(job, lastModifiedBy);
    const id = await this.client.insert(insertSql(values), Object.values(values));
    return decodeJob(this.client.dialect, { ...values, id });
  }

  /** Like the official backends: a job removed meanwhile is handed back unchanged, not re-created. */
  private async updateById(job: JobParameters, lastModifiedBy: string | null): Promise<JobParameters> {
    const id = jobIdParam(job._id);
    if (id === undefined) return job;
    const assignments = this.userAssignments(job, lastModifiedBy);
    const matched = await this.client.run(
      `update ${JOBS} set ${assignmentSql(assignments)} where \`id\` = ? and \`name\` = ?`,
      [...assignmentParams(assignments), id, job.name],
    );
    return matched === 0 ? job : ((await this.byId(id)) ?? job);
  }

  /**
   * `every()` declares a recurring job by name. A due `nextRunAt` in the declaration does not
   * replace the stored one (Agenda's rule), so re-declaring at start-up neither runs an
   * interval job again at once nor skips its pending run.
   */
  private async upsertSingle(job: JobParameters, lastModifiedBy: string | null): Promise<JobParameters> {
    const values = this.rowValues(job, lastModifiedBy);
    const assignments = this.userAssignments(job, lastModifiedBy).filter(([column]) => column !== 'type');
    if (job.nextRunAt && job.nextRunAt.getTime() <= Date.now()) {
      const next = assignments.find(([column]) => column === 'next_run_at');
      if (next) next[1] = 'coalesce(`next_run_at`, ?)';
    }
    const id = await this.client.insert(
      `${insertSql(values)} ${this.client.dialect.upsert('single_name', assignmentSql(assignments))}`,
      [...Object.values(values), ...assignmentParams(assignments)],
    );
    return this.mustFind(id);
  }

  private upsertUnique(
    job: JobParameters,
    unique: Record<string, unknown>,
    lastModifiedBy: string | null,
  ): Promise<JobParameters> {
    const debounce = job.uniqueOpts?.debounce;
    return this.client.transaction(async (tx) => {
      const where = uniqueWhere(tx.dialect, job.name, unique);
      const row = await tx.firstRow(
        `select ${this.columns} from ${JOBS}${where} order by \`id\` limit 1${tx.dialect.lockingRead}`,
        where.params,
      );
      const stored = row && decodeJob(tx.dialect, row);
      if (stored && job.uniqueOpts?.insertOnly && !debounce) return stored;
      const schedule = debounce
        ? debounceSchedule(debounce, new Date(), job.nextRunAt, stored && toDebounceState(stored))
        : { nextRunAt: job.nextRunAt, debounceStartedAt: null };
      const scheduled = { ...job, ...schedule, debounceStartedAt: schedule.debounceStartedAt ?? undefined };
      if (!stored) {
        const values = this.rowValues(scheduled, lastModifiedBy);
        const id = await tx.insert(insertSql(values), Object.values(values));
        return decodeJob(tx.dialect, { ...values, id });
      }
      const assignments = this.userAssignments(scheduled, lastModifiedBy);
      assignments.push([
        'debounce_started_at',
        '?',
        [encodeField(tx.dialect, 'debounceStartedAt', schedule.debounceStartedAt)],
      ]);
      const id = String(stored._id);
      await tx.run(`update ${JOBS} set ${assignmentSql(assignments)} where \`id\` = ?`, [
        ...assignmentParams(assignments),
        id,
      ]);
      return (await this.byId(id, tx)) ?? stored;
    });
  }

  private rowValues(job: JobParameters, lastModifiedBy: string | null): Record<string, SqlParam> {
    const dialect = this.client.dialect;
    const values: Record<string, SqlParam> = {};
    for (const field of storedFields)
      values[jobFields[field].column] = encodeField(dialect, field, job[field]);
    return {
      ...values,
      priority: Number(job.priority ?? 0),
      disabled: job.disabled ? 1 : 0,
      fork: job.fork ? 1 : 0,
      last_modified_by: lastModifiedBy ?? job.lastModifiedBy ?? null,
      single_name: job.type === 'single' ? job.name : null,
    };
  }

  private userAssignments(job: JobParameters, lastModifiedBy: string | null): Assignments {
    const dialect = this.client.dialect;
    const assignments: Assignments = USER_FIELDS.map((field) => [
      jobFields[field].column,
      '?',
      [encodeField(dialect, field, job[field])],
    ]);
    assignments.push(
      // A declaration that says nothing about `disabled` keeps an operator's disable() in force.
      ['disabled', 'coalesce(?, `disabled`)', [job.disabled === undefined ? null : job.disabled ? 1 : 0]],
      ['fork', '?', [job.fork ? 1 : 0]],
      ['last_modified_by', '?', [lastModifiedBy ?? job.lastModifiedBy ?? null]],
      ['single_name', '?', [job.type === 'single' ? job.name : null]],
    );
    return assignments;
  }

  private async byId(
    id: string | number,
    client: SqlClient = this.client,
  ): Promise<JobParameters | undefined> {
    const row = await client.firstRow(`select ${this.columns} from ${JOBS} where \`id\` = ?`, [id]);
    return row && decodeJob(client.dialect, row);
  }

  private async mustFind(id: string): Promise<JobParameters> {
    const job = await this.byId(id);
    if (!job) throw new Error(`job ${id} was saved but cannot be read back`);
    return job;
  }
}

function toDebounceState(job: JobParameters) {
  return { nextRunAt: job.nextRunAt, debounceStartedAt: job.debounceStartedAt ?? null };
}

function insertSql(values: Record<string, SqlParam>): string {
  const columns = Object.keys(values);
  return `insert into ${JOBS} (${columns.map((c) => `\`${c}\``).join(', ')}) values (${placeholders(columns.length)})`;
}

function assignmentSql(assignments: Assignments): string {
  return assignments.map(([column, sql]) => `\`${column}\` = ${sql}`).join(', ');
}

function assignmentParams(assignments: Assignments): SqlParam[] {
  return assignments.flatMap(([, , params]) => params);
}
