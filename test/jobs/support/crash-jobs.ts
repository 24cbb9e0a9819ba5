import type { Orm } from '../../../src/db/orm.js';
import { defineJob, type JobDefinition } from '../../../src/jobs/scheduler.js';

/** The recurring job runs every two seconds (cron with seconds). */
export const TICK_PERIOD_MS = 2_000;

export const CREATE_RUNS_TABLE =
  'create table job_runs (job varchar(8) not null, instance varchar(8) not null, at bigint not null)';

/**
 * The jobs of the kill-and-restart story, as each process defines them: `hang` never ends in
 * the process that will be killed; `tick` recurs. Every run is written to `job_runs` and
 * announced on stdout when asked, so a parent can follow without touching an SQLite file in use.
 */
export function crashStoryJobs(
  orm: Orm,
  instance: string,
  options: { hangForever: boolean; lockLifetimeMs: number; announce: boolean },
): JobDefinition<never>[] {
  const record = async (job: string) => {
    const at = Date.now();
    await orm.em
      .getConnection()
      .execute('insert into job_runs (job, instance, at) values (?, ?, ?)', [job, instance, at]);
    if (options.announce) console.log(JSON.stringify({ job, instance, at }));
  };
  return [
    defineJob({
      name: 'hang',
      lockLifetimeMs: options.lockLifetimeMs,
      run: async () => {
        await record('hang');
        if (options.hangForever) await new Promise(() => {});
      },
    }),
    defineJob({
      name: 'tick',
      concurrency: 1,
      lockLifetimeMs: options.lockLifetimeMs,
      recurring: { cron: `*/${TICK_PERIOD_MS / 1000} * * * * *` },
      run: () => record('tick'),
    }),
  ];
}
