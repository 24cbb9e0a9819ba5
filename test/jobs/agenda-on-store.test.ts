import { Agenda } from 'agenda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SqlAgendaBackend } from '../../src/jobs/store/index.js';
import { testDatabaseKind } from '../support/database.js';
import { openJobStoreDatabase, waitFor, type JobStoreDatabase } from './support/job-store-database.js';

/** What Agenda itself does through the store: the job logger, removeOnComplete, stop(). */
describe(`Agenda on the job store (${testDatabaseKind()})`, () => {
  let database: JobStoreDatabase;
  let backend: SqlAgendaBackend;
  let agenda: Agenda | undefined;

  const startAgenda = async (options: Partial<ConstructorParameters<typeof Agenda>[0]> = {}) => {
    agenda = new Agenda({ backend, processEvery: 100, name: 'tester', ...options });
    await agenda.ready;
    return agenda;
  };

  beforeAll(async () => {
    database = await openJobStoreDatabase();
    backend = new SqlAgendaBackend(database.orm);
  });
  afterEach(async () => {
    await agenda?.stop();
    agenda = undefined;
    await backend.repository.purgeAllJobs();
    await backend.logger.clearLogs();
  });
  afterAll(() => database.close());

  describe('job logger (logging: true)', () => {
    it('stores the lifecycle of a run in its own table, newest first, filtered and paged', async () => {
      const a = await startAgenda({ logging: true });
      a.define('report', async () => {});
      a.define('broken', async () => {
        throw new Error('no paper');
      });
      await a.start();
      const ok = await a.now('report');
      await a.now('broken');
      await waitFor('both runs logged', async () => (await a.getLogs({ event: 'complete' })).total === 2);
      // Agenda writes log entries without waiting for them; let the last ones land.
      await a.stop();
      await waitFor('the log to settle', async () => {
        const before = (await a.getLogs()).total;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return (await a.getLogs()).total === before;
      });

      const report = await a.getLogs({
        jobName: 'report',
        event: ['start', 'success', 'complete'],
        sort: 'asc',
      });
      // Agenda stamps and writes entries without waiting, so events of one millisecond may land in any order.
      expect(report.entries.map((e) => e.event).sort()).toEqual(['complete', 'start', 'success']);
      const oldestFirst = report.entries.map((e) => e.timestamp.getTime());
      expect(oldestFirst).toEqual([...oldestFirst].sort((x, y) => x - y));
      expect(report.entries[0]).toMatchObject({
        jobId: String(ok.attrs._id),
        level: 'info',
        agendaName: 'tester',
      });
      expect(report.entries[0]?.timestamp).toBeInstanceOf(Date);
      const failures = await a.getLogs({ level: 'error' });
      expect(failures.entries.every((e) => e.jobName === 'broken' && e.error === 'no paper')).toBe(true);
      expect(failures.total).toBeGreaterThan(0);

      const all = await a.getLogs({ limit: 1000 });
      const newestFirst = all.entries.map((e) => e.timestamp.getTime());
      expect(newestFirst).toEqual([...newestFirst].sort((x, y) => y - x));
      const page = await a.getLogs({ limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: all.total, entries: all.entries.slice(1, 3) });
      expect((await a.getLogs({ from: new Date(Date.now() + 60_000) })).total).toBe(0);

      const broken = (await a.getLogs({ jobName: 'broken' })).total;
      expect(await a.clearLogs({ jobName: 'broken' })).toBe(broken);
      expect((await a.getLogs({ jobName: 'broken' })).total).toBe(0);
      const remaining = (await a.getLogs()).total;
      expect(remaining).toBeGreaterThan(0);
      expect(await a.clearLogs()).toBe(remaining);
      expect((await a.getLogs()).total).toBe(0);
    });
  });

  describe('removeOnComplete', () => {
    it('removes a one-time job that succeeded, and keeps one that failed and a recurring one', async () => {
      const a = await startAgenda({ removeOnComplete: true });
      const done: string[] = [];
      a.on('complete', (job) => done.push(job.attrs.name));
      a.define('once', async () => {});
      a.define('fails', async () => {
        throw new Error('jammed');
      });
      a.define('every', async () => {});
      await a.start();
      await a.every('1 hour', 'every');
      await a.now('once');
      await a.now('fails');
      await waitFor('three runs', async () => done.length >= 3);
      const names = (await a.queryJobs()).jobs.map((job) => job.name).sort();
      expect(names).toEqual(['every', 'fails']);
    });
  });

  describe('stop()', () => {
    it('releases the jobs this instance locked but had not started, for another instance to take', async () => {
      const a = await startAgenda({ maxConcurrency: 1 });
      let release = () => {};
      let started = () => {};
      const running = new Promise<void>((resolve) => (started = resolve));
      a.define(
        'slow',
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
            started();
          }),
        { concurrency: 1 },
      );
      await a.start();
      await a.now('slow');
      await a.now('slow');
      await running;
      await waitFor('both locked', async () => (await a.queryJobs({ state: 'running' })).total === 2);
      await a.stop();
      release();
      agenda = undefined;
      await waitFor(
        'the running one to finish',
        async () => (await backend.repository.queryJobs({ state: 'completed' })).total === 1,
      );
      const { jobs } = await backend.repository.queryJobs({ state: 'queued' });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]?.lockedAt).toBeUndefined();
    });
  });
});
