/**
 * The two stores `npm run bench:jobs` compares, opened the same way in the orchestrating
 * process and in its workers: ours on MySQL/MariaDB through MikroORM, and Agenda's official
 * PostgreSQL backend in its default configuration (LISTEN/NOTIFY on).
 */
import { PostgresBackend, PostgresJobRepository } from '@agendajs/postgres-backend';
import type { AgendaBackend, AgendaOptions } from 'agenda';
import { resolveDatabaseTarget } from '../src/db/database-target.js';
import { openOrm } from '../src/db/orm.js';
import { entities } from '../src/entities.js';
import { SqlAgendaBackend } from '../src/jobs/store/index.js';

export type StoreKind = 'ours' | 'postgres';

export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The same Agenda settings for every store: only the backend differs. Agenda keeps the jobs
 * it has locked in a local queue whose upkeep grows with the square of its length, so
 * without a lock limit a 5,000-job backlog measures that queue rather than the store; a
 * limit of 100 per instance, refilled every 100 ms, is how one would run a large backlog.
 */
export const benchAgendaOptions = {
  processEvery: 100,
  maxConcurrency: 20,
  defaultConcurrency: 20,
  defaultLockLimit: 100,
} satisfies Partial<AgendaOptions>;

export interface OpenedStore {
  backend: AgendaBackend;
  close(): Promise<void>;
}

/** `target` is the scratch database's URL for ours, the table-name suffix for PostgreSQL. */
export async function openStore(kind: StoreKind, target: string): Promise<OpenedStore> {
  if (kind === 'ours') {
    const orm = await openOrm(await resolveDatabaseTarget(target), entities);
    return { backend: new SqlAgendaBackend(orm), close: () => orm.close() };
  }
  const backend = new PostgresBackend({
    connectionString: POSTGRES_URL,
    tableName: `bench_jobs_${target}`,
    logTableName: `bench_logs_${target}`,
  });
  return { backend, close: () => backend.disconnect() };
}

/** Removes the tables a PostgreSQL round created (the backend creates them on connect). */
export async function dropPostgresTables(suffix: string): Promise<void> {
  const repository = new PostgresJobRepository({ connectionString: POSTGRES_URL, ensureSchema: false });
  await repository.connect();
  // pg ships no type declarations here; only `query` is used.
  const pool: { query(sql: string): Promise<unknown> } = repository.getPool();
  try {
    await pool.query(`drop table if exists bench_jobs_${suffix}, bench_logs_${suffix}`);
    await pool.query(`drop function if exists update_bench_jobs_${suffix}_updated_at()`);
  } finally {
    await repository.disconnect();
  }
}

export function isStoreKind(value: string | undefined): value is StoreKind {
  return value === 'ours' || value === 'postgres';
}
