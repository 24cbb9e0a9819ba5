import { toJobId, type JobId, type JobParameters } from 'agenda';
import { AGENDA_JOBS_TABLE } from './agenda-job.entity.js';
import type { SqlParam, SqlRow } from './sql-client.js';
import type { SqlDialect } from './sql-dialect.js';

export const JOBS = `\`${AGENDA_JOBS_TABLE}\``;

type FieldKind = 'text' | 'number' | 'date' | 'boolean' | 'json';

/** The `JobParameters` fields the table stores, each with its column and how it is encoded. */
export const jobFields = {
  name: { column: 'name', kind: 'text' },
  priority: { column: 'priority', kind: 'number' },
  nextRunAt: { column: 'next_run_at', kind: 'date' },
  type: { column: 'type', kind: 'text' },
  lockedAt: { column: 'locked_at', kind: 'date' },
  lastRunAt: { column: 'last_run_at', kind: 'date' },
  lastFinishedAt: { column: 'last_finished_at', kind: 'date' },
  failedAt: { column: 'failed_at', kind: 'date' },
  failCount: { column: 'fail_count', kind: 'number' },
  failReason: { column: 'fail_reason', kind: 'text' },
  repeatInterval: { column: 'repeat_interval', kind: 'text' },
  repeatTimezone: { column: 'repeat_timezone', kind: 'text' },
  repeatAt: { column: 'repeat_at', kind: 'text' },
  data: { column: 'data', kind: 'json' },
  disabled: { column: 'disabled', kind: 'boolean' },
  progress: { column: 'progress', kind: 'number' },
  fork: { column: 'fork', kind: 'boolean' },
  lastModifiedBy: { column: 'last_modified_by', kind: 'text' },
  debounceStartedAt: { column: 'debounce_started_at', kind: 'date' },
  startDate: { column: 'start_date', kind: 'date' },
  endDate: { column: 'end_date', kind: 'date' },
  skipDays: { column: 'skip_days', kind: 'json' },
} as const satisfies Partial<Record<keyof JobParameters, { column: string; kind: FieldKind }>>;

export type StoredField = keyof typeof jobFields;

export const storedFields = Object.keys(jobFields) as StoredField[];

/** `select` list of every column, JSON read back as text. */
export function jobColumnList(dialect: SqlDialect): string {
  const columns = Object.values(jobFields).map(({ column, kind }) =>
    kind === 'json' ? `${dialect.jsonText(`\`${column}\``)} as \`${column}\`` : `\`${column}\``,
  );
  return ['`id`', ...columns].join(', ');
}

/** The value of one field as the column stores it. */
export function encodeField(dialect: SqlDialect, field: StoredField, value: unknown): SqlParam {
  if (value === undefined || value === null) return field === 'data' && value === null ? 'null' : null;
  switch (jobFields[field].kind) {
    case 'date':
      return dialect.encodeDate(value instanceof Date ? value : new Date(String(value)));
    case 'boolean':
      return value ? 1 : 0;
    case 'number':
      return Number(value);
    case 'json':
      return JSON.stringify(value) ?? null;
    case 'text':
      // Agenda lets `repeatInterval` be a number of milliseconds; like the official SQL
      // backend we keep it as text, which Agenda's interval parser reads back the same.
      return String(value);
  }
}

/** A job as read from the table: it always has its id. */
export type StoredJob = JobParameters & { _id: JobId };

export function decodeJob(dialect: SqlDialect, row: SqlRow): StoredJob {
  const date = (column: string) => dialect.decodeDate(row[column]);
  const text = (column: string) => (row[column] === null ? undefined : String(row[column]));
  const number = (column: string) => (row[column] === null ? undefined : Number(row[column]));
  const skipDays = parseJson(row.skip_days);
  return {
    _id: toJobId(String(row.id)),
    name: String(row.name),
    priority: Number(row.priority),
    nextRunAt: date('next_run_at') ?? null,
    type: row.type === 'single' ? 'single' : 'normal',
    lockedAt: date('locked_at'),
    lastRunAt: date('last_run_at'),
    lastFinishedAt: date('last_finished_at'),
    failedAt: date('failed_at'),
    failCount: number('fail_count'),
    failReason: text('fail_reason'),
    repeatInterval: text('repeat_interval'),
    repeatTimezone: text('repeat_timezone'),
    repeatAt: text('repeat_at'),
    data: parseJson(row.data),
    disabled: Number(row.disabled) === 1,
    progress: number('progress'),
    fork: Number(row.fork) === 1,
    lastModifiedBy: text('last_modified_by'),
    debounceStartedAt: date('debounce_started_at'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    skipDays: Array.isArray(skipDays) ? skipDays.map(Number) : undefined,
  };
}

/** SQL NULL is a job without data (`undefined`); the JSON text `null` is data that is null. */
function parseJson(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  return JSON.parse(String(value));
}

/** Job ids are the table's auto-increment keys; anything else cannot name a stored job. */
export function jobIdParam(id: unknown): number | undefined {
  const text = String(id);
  return /^[1-9]\d{0,15}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
}
