import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Orm } from '../../src/db/orm.js';
import { createJobScheduler, defineJob, type JobScheduler } from '../../src/jobs/scheduler.js';
import { SqlAgendaBackend } from '../../src/jobs/store/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { testDatabaseKind } from '../support/database.js';
import {
  jobParams,
  openJobStoreDatabase,
  waitFor,
  type JobStoreDatabase,
} from './support/job-store-database.js';

const JOBS = 500;

describe.runIf(testDatabaseKind() === 'mysql')('two Agenda instances on one MySQL database', () => {
  let database: JobStoreDatabase;
  let instances: JobScheduler[] = [];

  /** An instance as a second server would run it: its own connections, its own name. */
  const startInstance = async (orm: Orm, name: string) => {
    const record = defineJob({
      name: 'deliver',
      concurrency: 5,
      // Neither instance may hoard the queue, so both must do some of the work.
      lockLimit: 20,
      run: async ({ jobId }) => {
        await orm.em
          .getConnection()
          .execute('insert into job_runs (job_id, instance) values (?, ?)', [jobId, name]);
      },
    });
    const scheduler = await createJobScheduler({
      orm,
      timezone: 'Asia/Shanghai',
      definitions: [record],
      logger: createLogger('silent'),
      instanceName: name,
      processEvery: 100,
    });
    instances.push(scheduler);
    return scheduler;
  };

  beforeAll(async () => {
    database = await openJobStoreDatabase();
    await database.query('create table job_runs (job_id varchar(32) not null, instance varchar(8) not null)');
  });
  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await database.close();
  });

  it(`run each of ${JOBS} jobs due now exactly once, and both take part`, async () => {
    const repository = new SqlAgendaBackend(database.orm).repository;
    const now = new Date();
    for (let i = 0; i < JOBS; i += 1)
      await repository.saveJob(jobParams('deliver', { nextRunAt: now, data: { i } }), undefined);
    instances = [];
    const [a, b] = await Promise.all([
      startInstance(database.orm, 'A'),
      startInstance(await database.openAnother(), 'B'),
    ]);
    await Promise.all([a!.start(), b!.start()]);

    await waitFor(
      'every job to run',
      async () => {
        const [row] = await database.query('select count(*) as runs from job_runs');
        return Number(row?.runs) >= JOBS;
      },
      25_000,
    );
    await Promise.all(instances.map((instance) => instance.stop()));

    const [totals] = await database.query(
      'select count(*) as runs, count(distinct job_id) as jobs from job_runs',
    );
    expect(totals).toEqual({ runs: JOBS, jobs: JOBS });
    const perInstance = await database.query(
      'select instance, count(*) as runs from job_runs group by instance order by instance',
    );
    expect(perInstance.map((row) => row.instance)).toEqual(['A', 'B']);
    expect(perInstance.every((row) => Number(row.runs) > 0)).toBe(true);
    const unfinished = await repository.queryJobs({ name: 'deliver', state: 'queued' });
    expect(unfinished.total).toBe(0);
  });
});
