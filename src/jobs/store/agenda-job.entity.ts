import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AGENDA_JOBS_TABLE = 'agenda_jobs';
export const NEXT_JOB_INDEX = 'agenda_jobs_next_job_index';

/**
 * One Agenda job (Agenda's `JobParameters`), in UTC. The store reads and writes this table
 * with its own SQL; the entity exists so that the migrations create it.
 */
export const AgendaJob = defineEntity({
  name: 'AgendaJob',
  tableName: AGENDA_JOBS_TABLE,
  indexes: [
    {
      name: NEXT_JOB_INDEX,
      // Written as SQL because the next-job query orders by `next_run_at ASC, priority DESC`
      // (Agenda's default sort) and MikroORM 6 cannot declare a descending index column.
      // With `locked_at` before `next_run_at`, due unlocked jobs and expired locks are two
      // ranges of this index, so neither lookup scans the jobs that are already locked.
      // MySQL, MariaDB ≥ 10.8 and SQLite read the backquotes and honour `desc`.
      expression:
        `create index \`${NEXT_JOB_INDEX}\` on \`${AGENDA_JOBS_TABLE}\` ` +
        '(`name`, `disabled`, `locked_at`, `next_run_at`, `priority` desc)',
    },
  ],
  properties: {
    // INT UNSIGNED lasts a factory 4 billion jobs; MikroORM 6 cannot diff a BIGINT primary key
    // on SQLite (it rebuilds the table on every migration), so the id stays an integer.
    id: p.integer().primary().autoincrement(),
    name: p.string().length(191),
    type: p.string().length(8).$type<'normal' | 'single'>(),
    /**
     * The name again for a `single` job (Agenda's `every()`), null otherwise. MySQL has no
     * partial unique index, so this column's unique index is what keeps two processes that
     * start at once from creating the same recurring job twice.
     */
    singleName: p.string().length(191).nullable().unique(),
    priority: p.integer().default(0),
    nextRunAt: p.datetime(3).nullable(),
    lockedAt: p.datetime(3).nullable(),
    lastRunAt: p.datetime(3).nullable(),
    lastFinishedAt: p.datetime(3).nullable(),
    failedAt: p.datetime(3).nullable(),
    failCount: p.integer().nullable(),
    failReason: p.text().nullable(),
    repeatInterval: p.string().length(255).nullable(),
    repeatTimezone: p.string().length(64).nullable(),
    repeatAt: p.string().length(255).nullable(),
    /** JSON text; SQL NULL when the job has no data at all (`undefined`), JSON `null` for null. */
    data: p.json<unknown>().nullable(),
    disabled: p.boolean().default(false),
    progress: p.double().nullable(),
    fork: p.boolean().default(false),
    lastModifiedBy: p.string().length(191).nullable(),
    debounceStartedAt: p.datetime(3).nullable(),
    startDate: p.datetime(3).nullable(),
    endDate: p.datetime(3).nullable(),
    skipDays: p.json<number[]>().nullable(),
  },
});

export type AgendaJob = InferEntity<typeof AgendaJob>;
