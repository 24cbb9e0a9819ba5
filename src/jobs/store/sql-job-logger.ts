import type { JobLogEntry, JobLogEvent, JobLogger, JobLogQuery, JobLogQueryResult, LogLevel } from 'agenda';
import { AGENDA_LOGS_TABLE } from './agenda-log-entry.entity.js';
import type { SqlClient, SqlParam, SqlRow } from './sql-client.js';
import { placeholders, SqlWhere } from './sql-where.js';

const LOGS = `\`${AGENDA_LOGS_TABLE}\``;
const DEFAULT_LIMIT = 50;
const LEVELS: readonly LogLevel[] = ['info', 'warn', 'error', 'debug'];
const EVENTS: readonly JobLogEvent[] = [
  'start',
  'success',
  'fail',
  'complete',
  'retry',
  'retry:exhausted',
  'locked',
  'expired',
];

/** Agenda's `JobLogger`: job lifecycle events in the `agenda_logs` table. */
export class SqlJobLogger implements JobLogger {
  constructor(private readonly client: SqlClient) {}

  async log(entry: Omit<JobLogEntry, '_id'>): Promise<void> {
    const dialect = this.client.dialect;
    const values: Record<string, SqlParam> = {
      occurred_at: dialect.encodeDate(entry.timestamp),
      level: entry.level,
      event: entry.event,
      job_id: entry.jobId ?? null,
      job_name: entry.jobName,
      message: entry.message,
      duration: entry.duration ?? null,
      error: entry.error ?? null,
      fail_count: entry.failCount ?? null,
      retry_delay: entry.retryDelay ?? null,
      retry_attempt: entry.retryAttempt ?? null,
      agenda_name: entry.agendaName ?? null,
      meta: entry.meta === undefined ? null : JSON.stringify(entry.meta),
    };
    const columns = Object.keys(values).map((column) => `\`${column}\``);
    await this.client.insert(
      `insert into ${LOGS} (${columns.join(', ')}) values (${placeholders(columns.length)})`,
      Object.values(values),
    );
  }

  /** Newest first unless asked otherwise, 50 at a time; `total` ignores the paging. */
  async getLogs(query: JobLogQuery = {}): Promise<JobLogQueryResult> {
    const where = this.where(query);
    const direction = query.sort === 'asc' ? 'asc' : 'desc';
    const limit = Math.max(0, Math.trunc(query.limit ?? DEFAULT_LIMIT));
    const offset = Math.max(0, Math.trunc(query.offset ?? 0));
    const meta = this.client.dialect.jsonText('`meta`');
    const [rows, counted] = await Promise.all([
      this.client.rows(
        `select \`id\`, \`occurred_at\`, \`level\`, \`event\`, \`job_id\`, \`job_name\`, \`message\`, \`duration\`, ` +
          `\`error\`, \`fail_count\`, \`retry_delay\`, \`retry_attempt\`, \`agenda_name\`, ${meta} as \`meta\` ` +
          `from ${LOGS}${where} order by \`occurred_at\` ${direction}, \`id\` ${direction} limit ${limit} offset ${offset}`,
        where.params,
      ),
      this.client.firstRow(`select count(*) as \`total\` from ${LOGS}${where}`, where.params),
    ]);
    return { entries: rows.map((row) => this.decode(row)), total: Number(counted?.total ?? 0) };
  }

  /** Without a query every entry goes, as the contract says. */
  clearLogs(query: JobLogQuery = {}): Promise<number> {
    const where = this.where(query);
    return this.client.run(`delete from ${LOGS}${where}`, where.params);
  }

  private where(query: JobLogQuery): SqlWhere {
    const where = new SqlWhere();
    if (query.jobId) where.add('`job_id` = ?', query.jobId);
    if (query.jobName) where.add('`job_name` = ?', query.jobName);
    for (const [column, wanted] of [
      ['level', query.level],
      ['event', query.event],
    ] as const) {
      if (wanted === undefined) continue;
      const values: string[] = Array.isArray(wanted) ? wanted : [wanted];
      if (values.length === 0) where.addNothing();
      else where.add(`\`${column}\` in (${placeholders(values.length)})`, ...values);
    }
    if (query.from) where.add('`occurred_at` >= ?', this.client.dialect.encodeDate(query.from));
    if (query.to) where.add('`occurred_at` <= ?', this.client.dialect.encodeDate(query.to));
    return where;
  }

  private decode(row: SqlRow): JobLogEntry {
    const optionalNumber = (value: unknown) => (value === null ? undefined : Number(value));
    const optionalText = (value: unknown) => (value === null ? undefined : String(value));
    const timestamp = this.client.dialect.decodeDate(row.occurred_at);
    if (!timestamp) throw new Error(`job log entry ${String(row.id)} has no time`);
    return {
      _id: String(row.id),
      timestamp,
      level: oneOf(LEVELS, row.level),
      event: oneOf(EVENTS, row.event),
      jobId: optionalText(row.job_id),
      jobName: String(row.job_name),
      message: String(row.message),
      duration: optionalNumber(row.duration),
      error: optionalText(row.error),
      failCount: optionalNumber(row.fail_count),
      retryDelay: optionalNumber(row.retry_delay),
      retryAttempt: optionalNumber(row.retry_attempt),
      agendaName: optionalText(row.agenda_name),
      meta: row.meta === null ? undefined : (JSON.parse(String(row.meta)) as Record<string, unknown>),
    };
  }
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`unexpected value in the job log: ${String(value)}`);
  return found;
}
