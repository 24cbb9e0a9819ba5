import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobScheduler, type JobScheduler } from '../../src/jobs/scheduler.js';
import { SqlAgendaBackend } from '../../src/jobs/store/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { testDatabaseKind } from '../support/database.js';
import { CREATE_RUNS_TABLE, crashStoryJobs, TICK_PERIOD_MS } from './support/crash-jobs.js';
import {
  jobParams,
  openJobStoreDatabase,
  waitFor,
  type JobStoreDatabase,
} from './support/job-store-database.js';

interface Run {
  job: string;
  instance: string;
  at: number;
}

const LOCK_LIFETIME_MS = 1_500;
const doomedWorker = fileURLToPath(new URL('./fixtures/doomed-worker.ts', import.meta.url));

describe(`a worker killed mid-run (${testDatabaseKind()})`, () => {
  let database: JobStoreDatabase;
  let child: ChildProcess | undefined;
  let survivor: JobScheduler | undefined;

  beforeAll(async () => {
    database = await openJobStoreDatabase();
    await database.query(CREATE_RUNS_TABLE);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await survivor?.stop();
    await database.close();
  });

  it('leaves its locked job to another instance once the lock lifetime has passed, and its recurring job runs once a slot', async () => {
    const repository = new SqlAgendaBackend(database.orm).repository;
    await repository.saveJob(jobParams('hang', { nextRunAt: new Date() }), undefined);

    // Process A: runs `hang` (which never returns) and a few ticks, then is killed.
    const seenFromA: Run[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', doomedWorker, database.db.url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: child.stdout! }).on('line', (line) => seenFromA.push(JSON.parse(line) as Run));
    await waitFor(
      'process A to start hang and tick twice',
      async () =>
        seenFromA.some((r) => r.job === 'hang') && seenFromA.filter((r) => r.job === 'tick').length >= 2,
      30_000,
    );
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const [hang] = (await repository.queryJobs({ name: 'hang' })).jobs;
    const lockedByA = hang?.lockedAt?.getTime() ?? Number.NaN;
    expect(hang).toMatchObject({ state: 'running', lastModifiedBy: 'A' });

    // Process B starts as a restarted server would, declaring the recurring job again.
    survivor = await createJobScheduler({
      orm: database.orm,
      timezone: 'UTC',
      definitions: crashStoryJobs(database.orm, 'B', {
        hangForever: false,
        lockLifetimeMs: LOCK_LIFETIME_MS,
        announce: false,
      }),
      logger: createLogger('silent'),
      instanceName: 'B',
      processEvery: 200,
    });
    await survivor.start();
    const runs = async () =>
      (await database.query('select job, instance, at from job_runs order by at')).map((row) => ({
        job: String(row.job),
        instance: String(row.instance),
        at: Number(row.at),
      }));
    await waitFor('process B to take hang over and tick twice', async () => {
      const all = await runs();
      return (
        all.some((r) => r.job === 'hang' && r.instance === 'B') &&
        all.filter((r) => r.job === 'tick' && r.instance === 'B').length >= 2
      );
    });
    await survivor.stop();
    survivor = undefined;

    const all = await runs();
    const hangs = all.filter((r) => r.job === 'hang');
    expect(hangs.map((r) => r.instance)).toEqual(['A', 'B']);
    expect(hangs[1]!.at - lockedByA).toBeGreaterThanOrEqual(LOCK_LIFETIME_MS);

    const ticks = all.filter((r) => r.job === 'tick');
    expect(new Set(ticks.map((r) => r.instance))).toEqual(new Set(['A', 'B']));
    // A slot run twice (re-run after the restart, or by both processes) would show as two runs close together.
    const gaps = ticks.slice(1).map((r, i) => r.at - ticks[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(TICK_PERIOD_MS / 2);
    expect((await repository.queryJobs({ name: 'tick' })).total).toBe(1);
  });
});
