import { computeJobState, type JobParameters } from 'agenda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SqlAgendaBackend } from '../../src/jobs/store/index.js';
import type { SqlJobRepository } from '../../src/jobs/store/sql-job-repository.js';
import { testDatabaseKind } from '../support/database.js';
import { jobParams, openJobStoreDatabase, type JobStoreDatabase } from './support/job-store-database.js';

/**
 * Agenda's `JobRepository` contract (agenda/dist/types/JobRepository.d.ts and the official
 * backends' documented behaviour), method by method, on the database the run uses: saving,
 * reading, querying and removing here; locking in job-locking.conformance.test.ts.
 */
describe(`the Agenda job store on ${testDatabaseKind()}: JobRepository`, () => {
  let database: JobStoreDatabase;
  let repo: SqlJobRepository;
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);
  const save = (job: JobParameters) => repo.saveJob(job, { lastModifiedBy: 'test' });

  beforeAll(async () => {
    database = await openJobStoreDatabase();
    repo = new SqlAgendaBackend(database.orm).repository;
    await repo.connect();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await repo.purgeAllJobs();
  });

  describe('connect', () => {
    it('refuses, naming the migrations, when the jobs table does not exist', async () => {
      const other = await database.openAnother();
      await other.em.getConnection().execute('alter table agenda_jobs rename to agenda_jobs_moved');
      try {
        await expect(new SqlAgendaBackend(other).connect()).rejects.toThrow(/migrations/);
      } finally {
        await other.em.getConnection().execute('alter table agenda_jobs_moved rename to agenda_jobs');
      }
    });
  });

  describe('saveJob', () => {
    it('inserts a job with an id and reads every field back as it was given, times in UTC to the millisecond', async () => {
      const at = new Date('2026-03-01T07:30:00.123Z');
      const saved = await save(
        jobParams('remind', {
          priority: 10,
          nextRunAt: at,
          data: { order: 'WO-1', who: ['张伟'], nested: { n: 1.5, ok: true, none: null } },
          repeatInterval: 60_000,
          repeatTimezone: 'Asia/Shanghai',
          startDate: at,
          endDate: new Date('2026-04-01T00:00:00.000Z'),
          skipDays: [0, 6],
          fork: true,
        }),
      );
      expect(saved._id).toMatch(/^\d+$/);
      const read = await repo.getJobById(String(saved._id));
      expect(read).toMatchObject({
        _id: saved._id,
        name: 'remind',
        priority: 10,
        type: 'normal',
        nextRunAt: at,
        data: { order: 'WO-1', who: ['张伟'], nested: { n: 1.5, ok: true, none: null } },
        // Kept as text like the official SQL backend; Agenda reads "60000" as milliseconds.
        repeatInterval: '60000',
        repeatTimezone: 'Asia/Shanghai',
        startDate: at,
        endDate: new Date('2026-04-01T00:00:00.000Z'),
        skipDays: [0, 6],
        disabled: false,
        fork: true,
        lastModifiedBy: 'test',
      });
      expect(read?.lockedAt).toBeUndefined();
      expect(saved).toEqual(read);
    });

    it('tells data that is null from a job without data', async () => {
      const withNull = await save(jobParams('a', { data: null }));
      const without = await save(jobParams('a', { data: undefined }));
      expect((await repo.getJobById(String(withNull._id)))?.data).toBeNull();
      expect((await repo.getJobById(String(without._id)))?.data).toBeUndefined();
    });

    it("updates by id only what user code may change, leaving the processor's lock and run times alone", async () => {
      const saved = await save(jobParams('edit', { data: { v: 1 } }));
      const locked = await repo.lockJob(saved, undefined);
      await save({ ...saved, priority: 20, data: { v: 2 }, lockedAt: undefined });
      const read = await repo.getJobById(String(saved._id));
      expect(read).toMatchObject({ priority: 20, data: { v: 2 } });
      expect(read?.lockedAt).toEqual(locked?.lockedAt);
    });

    it('hands a job removed meanwhile back unchanged instead of re-creating it', async () => {
      const saved = await save(jobParams('gone'));
      await repo.removeJobs({ id: saved._id });
      expect(await save({ ...saved, priority: 5 })).toMatchObject({ _id: saved._id, priority: 5 });
      expect(await repo.getJobById(String(saved._id))).toBeNull();
    });

    it('keeps one `single` job per name, and a due nextRunAt in a re-declaration does not replace the stored one', async () => {
      const first = await save(
        jobParams('digest', { type: 'single', nextRunAt: minutes(60), data: { run: 1 } }),
      );
      const redeclared = await save(
        jobParams('digest', { type: 'single', nextRunAt: minutes(-1), data: { run: 2 } }),
      );
      expect(redeclared).toMatchObject({ _id: first._id, nextRunAt: first.nextRunAt, data: { run: 2 } });
      const later = minutes(120);
      const moved = await save(jobParams('digest', { type: 'single', nextRunAt: later }));
      expect(moved.nextRunAt).toEqual(later);
      expect((await repo.queryJobs({ name: 'digest' })).total).toBe(1);
    });

    it("keeps an operator's disable when a recurring job is declared again at start-up", async () => {
      await save(jobParams('digest', { type: 'single', nextRunAt: minutes(60) }));
      await repo.disableJobs({ name: 'digest' });
      expect(await save(jobParams('digest', { type: 'single', nextRunAt: minutes(60) }))).toMatchObject({
        disabled: true,
      });
      expect(await save(jobParams('digest', { type: 'single', disabled: false }))).toMatchObject({
        disabled: false,
      });
    });

    it('updates the job that matches unique() criteria on data paths and fields, and inserts when none does', async () => {
      const unique = { 'data.order': 'WO-7', type: 'normal' };
      const first = await save(jobParams('chase', { data: { order: 'WO-7', n: 1 }, unique }));
      const second = await save(jobParams('chase', { data: { order: 'WO-7', n: 2 }, unique, priority: 3 }));
      const other = await save(
        jobParams('chase', { data: { order: 'WO-8' }, unique: { 'data.order': 'WO-8' } }),
      );
      expect(second).toMatchObject({ _id: first._id, data: { order: 'WO-7', n: 2 }, priority: 3 });
      expect(other._id).not.toBe(first._id);
      expect((await repo.queryJobs({ name: 'chase' })).total).toBe(2);
    });

    it('matches unique() data by JSON value: the number 7 is not the string "7"', async () => {
      const number = await save(jobParams('chase', { data: { order: 7 }, unique: { 'data.order': 7 } }));
      const text = await save(jobParams('chase', { data: { order: '7' }, unique: { 'data.order': '7' } }));
      expect(text._id).not.toBe(number._id);
    });

    it('leaves the existing job untouched with insertOnly', async () => {
      const opts = { insertOnly: true };
      const first = await save(
        jobParams('chase', { data: { order: 'A', v: 1 }, unique: { 'data.order': 'A' }, uniqueOpts: opts }),
      );
      const again = await save(
        jobParams('chase', { data: { order: 'A', v: 2 }, unique: { 'data.order': 'A' }, uniqueOpts: opts }),
      );
      expect(again).toEqual(first);
    });

    it('refuses unique() criteria on something that is not a job field', async () => {
      await expect(save(jobParams('chase', { unique: { orderNo: 1 } }))).rejects.toThrow(/data\.<path>/);
    });

    it('debounces repeated unique saves into one job with the latest data, its run pushed back', async () => {
      const debounced = (n: number) =>
        save(
          jobParams('sync', {
            nextRunAt: new Date(),
            data: { key: 'k', n },
            unique: { 'data.key': 'k' },
            uniqueOpts: { debounce: { delay: 60_000 } },
          }),
        );
      const first = await debounced(1);
      const last = await debounced(2);
      expect(last).toMatchObject({
        _id: first._id,
        data: { key: 'k', n: 2 },
        debounceStartedAt: first.debounceStartedAt,
      });
      expect(last.nextRunAt?.getTime()).toBeGreaterThanOrEqual(first.nextRunAt?.getTime() ?? Infinity);
      expect((await repo.queryJobs({ name: 'sync' })).total).toBe(1);
    });
  });

  describe('getJobById', () => {
    it('finds a job, and answers null for a removed job or an id that is not one of ours', async () => {
      const saved = await save(jobParams('find'));
      expect((await repo.getJobById(String(saved._id)))?.name).toBe('find');
      await repo.removeJobs({ id: saved._id });
      expect(await repo.getJobById(String(saved._id))).toBeNull();
      expect(await repo.getJobById('6566f3e0c1a2b3d4e5f60718')).toBeNull();
    });
  });

  describe('queryJobs', () => {
    let ids: Record<string, string>;
    beforeEach(async () => {
      const now = Date.now();
      const jobs: Record<string, JobParameters> = {
        scheduled: jobParams('Alpha_100%', {
          nextRunAt: minutes(10),
          priority: 1,
          data: { kind: 'a', n: 1 },
        }),
        queued: jobParams('alpha', { nextRunAt: minutes(-10), priority: 5, data: { kind: 'a', n: 2 } }),
        running: jobParams('beta', { lockedAt: new Date(now - 1000), nextRunAt: null, data: { kind: 'b' } }),
        failed: jobParams('beta', {
          nextRunAt: null,
          failedAt: new Date(now - 500),
          lastFinishedAt: new Date(now - 500),
        }),
        completed: jobParams('beta', {
          nextRunAt: null,
          lastFinishedAt: new Date(now - 100),
          failedAt: new Date(now - 500),
        }),
        repeating: jobParams('gamma', { repeatInterval: '5 minutes', nextRunAt: minutes(5) }),
        paused: jobParams('gamma', { nextRunAt: minutes(30), disabled: true }),
      };
      ids = {};
      for (const [key, job] of Object.entries(jobs)) ids[key] = String((await save(job))._id);
    });

    it("computes each job's state exactly as Agenda's computeJobState does", async () => {
      const { jobs } = await repo.queryJobs();
      for (const job of jobs) expect(job.state).toBe(computeJobState(job));
      const stateOf = Object.fromEntries(jobs.map((job) => [job._id, job.state]));
      expect(stateOf).toEqual({
        [ids.scheduled!]: 'scheduled',
        [ids.queued!]: 'queued',
        [ids.running!]: 'running',
        [ids.failed!]: 'failed',
        [ids.completed!]: 'completed',
        [ids.repeating!]: 'repeating',
        [ids.paused!]: 'scheduled',
      });
    });

    it('filters by state in the database, paused meaning disabled', async () => {
      for (const state of ['scheduled', 'queued', 'running', 'failed', 'completed', 'repeating'] as const) {
        const result = await repo.queryJobs({ state });
        expect(result.jobs.map((job) => job.state)).toEqual(result.jobs.map(() => state));
        expect(result.total).toBe(state === 'scheduled' ? 2 : 1);
      }
      expect((await repo.queryJobs({ state: 'paused' })).jobs.map((job) => job._id)).toEqual([ids.paused]);
    });

    it('filters by name, names, id, ids, a case-blind name search with % taken literally, data and disabled', async () => {
      const idsOf = async (options: Parameters<SqlJobRepository['queryJobs']>[0]) =>
        (await repo.queryJobs(options)).jobs.map((job) => job._id).sort();
      expect(await idsOf({ name: 'beta' })).toEqual([ids.running, ids.failed, ids.completed].sort());
      expect(await idsOf({ names: ['alpha', 'gamma'] })).toEqual(
        [ids.queued, ids.repeating, ids.paused].sort(),
      );
      expect(await idsOf({ id: ids.queued })).toEqual([ids.queued]);
      expect(await idsOf({ id: 'not-an-id' })).toEqual([]);
      expect(await idsOf({ ids: [ids.queued!, ids.paused!] })).toEqual([ids.queued, ids.paused].sort());
      expect(await idsOf({ search: 'ALPHA' })).toEqual([ids.scheduled, ids.queued].sort());
      expect(await idsOf({ search: '0%' })).toEqual([ids.scheduled]);
      expect(await idsOf({ data: { kind: 'a' } })).toEqual([ids.scheduled, ids.queued].sort());
      expect(await idsOf({ data: { kind: 'a', n: 2 } })).toEqual([ids.queued]);
      expect((await repo.queryJobs({ includeDisabled: false })).total).toBe(6);
    });

    it('sorts with nulls last, pages after filtering, and counts the total before paging', async () => {
      const byPriority = await repo.queryJobs({ sort: { priority: 'desc' } });
      expect(byPriority.jobs.slice(0, 2).map((job) => job._id)).toEqual([ids.queued, ids.scheduled]);
      const byNextRun = await repo.queryJobs({ name: 'beta', sort: { nextRunAt: 'asc' } });
      expect(byNextRun.jobs.every((job) => job.nextRunAt === null)).toBe(true);
      const soonest = await repo.queryJobs({ sort: { nextRunAt: 'asc' } });
      expect(soonest.jobs.map((job) => job._id).slice(0, 2)).toEqual([ids.queued, ids.repeating]);
      expect(soonest.jobs.at(-1)?.nextRunAt).toBeNull();
      const page = await repo.queryJobs({ sort: { nextRunAt: 'asc' }, skip: 1, limit: 2 });
      expect(page).toMatchObject({ total: 7, jobs: soonest.jobs.slice(1, 3) });
      expect((await repo.queryJobs({ sort: { nextRunAt: 'asc' }, skip: 5 })).jobs).toEqual(
        soonest.jobs.slice(5),
      );
    });
  });

  describe('getJobsOverview, getDistinctJobNames, getQueueSize', () => {
    it('counts each name by state, a disabled job in its state and in paused', async () => {
      await save(jobParams('a', { nextRunAt: minutes(5) }));
      await save(jobParams('a', { nextRunAt: minutes(-5) }));
      await save(jobParams('a', { nextRunAt: minutes(-5), disabled: true }));
      await save(jobParams('b', { nextRunAt: null, lastFinishedAt: new Date() }));
      expect(await repo.getJobsOverview()).toEqual([
        {
          name: 'a',
          total: 3,
          running: 0,
          scheduled: 1,
          queued: 2,
          completed: 0,
          failed: 0,
          repeating: 0,
          paused: 1,
        },
        {
          name: 'b',
          total: 1,
          running: 0,
          scheduled: 0,
          queued: 0,
          completed: 1,
          failed: 0,
          repeating: 0,
          paused: 0,
        },
      ]);
      expect(await repo.getDistinctJobNames()).toEqual(['a', 'b']);
      expect(await repo.getQueueSize()).toBe(2);
    });

    it('has nothing to report on an empty table', async () => {
      expect(await repo.getJobsOverview()).toEqual([]);
      expect(await repo.getDistinctJobNames()).toEqual([]);
      expect(await repo.getQueueSize()).toBe(0);
    });
  });

  describe('removeJobs, disableJobs, enableJobs, purgeAllJobs', () => {
    it('act on id, ids, name, names, notNames and data, and on nothing when given no criteria', async () => {
      const [a1, a2, b1, c1] = await Promise.all(
        [jobParams('a', { data: { x: 1 } }), jobParams('a'), jobParams('b'), jobParams('c')].map(save),
      );
      expect(await repo.removeJobs({})).toBe(0);
      expect(await repo.disableJobs({ names: [] })).toBe(0);
      expect(await repo.disableJobs({ name: 'a' })).toBe(2);
      expect(await repo.enableJobs({ ids: [a1!._id!, 'junk'] })).toBe(1);
      expect((await repo.queryJobs({ includeDisabled: false })).jobs.map((j) => j._id).sort()).toEqual(
        [a1!._id, b1!._id, c1!._id].sort(),
      );
      expect(await repo.removeJobs({ data: { x: 1 } })).toBe(1);
      expect(await repo.removeJobs({ notNames: ['a', 'b'] })).toBe(1);
      expect(await repo.removeJobs({ names: ['b'] })).toBe(1);
      expect(await repo.removeJobs({ id: a2!._id })).toBe(1);
      await Promise.all([save(jobParams('x')), save(jobParams('y'))]);
      expect(await repo.purgeAllJobs()).toBe(2);
      expect((await repo.queryJobs()).total).toBe(0);
    });
  });
});
