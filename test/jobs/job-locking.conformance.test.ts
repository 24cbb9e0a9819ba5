import type { JobParameters } from 'agenda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SqlAgendaBackend } from '../../src/jobs/store/index.js';
import type { SqlJobRepository } from '../../src/jobs/store/sql-job-repository.js';
import { testDatabaseKind } from '../support/database.js';
import { jobParams, openJobStoreDatabase, type JobStoreDatabase } from './support/job-store-database.js';

/**
 * Agenda's `JobRepository` contract for locking (agenda/dist/types/JobRepository.d.ts and the
 * official backends' documented behaviour): who may run a job, and when another may take it.
 */
describe(`the Agenda job store on ${testDatabaseKind()}: JobRepository locking`, () => {
  let database: JobStoreDatabase;
  let repo: SqlJobRepository;
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);
  const save = (job: JobParameters) => repo.saveJob(job, { lastModifiedBy: 'test' });
  const scan = (name: string, at = new Date()) =>
    repo.getNextJobToRun(name, new Date(at.getTime() + 5_000), new Date(at.getTime() - 600_000), at, {
      lastModifiedBy: 'worker-1',
    });

  beforeAll(async () => {
    database = await openJobStoreDatabase();
    repo = new SqlAgendaBackend(database.orm).repository;
    await repo.connect();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await repo.purgeAllJobs();
  });

  describe('getNextJobToRun', () => {
    it('locks the earliest due job, the higher priority first at the same time, and stamps who locked it when', async () => {
      const due = new Date(Date.now() - 60_000);
      await save(jobParams('send', { nextRunAt: due, priority: 5, data: { p: 'low' } }));
      await save(jobParams('send', { nextRunAt: due, priority: 10, data: { p: 'high' } }));
      await save(
        jobParams('send', { nextRunAt: new Date(due.getTime() - 1), priority: -10, data: { p: 'earliest' } }),
      );
      const at = new Date();
      const order = [];
      for (let i = 0; i < 3; i += 1) order.push(await scan('send', at));
      expect(order.map((job) => (job?.data as { p: string }).p)).toEqual(['earliest', 'high', 'low']);
      expect(order[0]).toMatchObject({ lockedAt: at, lastModifiedBy: 'worker-1' });
      expect(await scan('send', at)).toBeUndefined();
    });

    it('takes jobs due before the next scan, but not later ones, disabled ones or other names', async () => {
      await save(jobParams('send', { nextRunAt: new Date(Date.now() + 3_000) }));
      await save(jobParams('send', { nextRunAt: minutes(1) }));
      await save(jobParams('send', { disabled: true }));
      await save(jobParams('other'));
      expect(await scan('send')).toBeDefined();
      expect(await scan('send')).toBeUndefined();
    });

    it('does not lock a job that was disabled, moved or removed after the queue was read', async () => {
      const saved = [];
      for (let i = 0; i < 5; i += 1)
        saved.push(await save(jobParams('send', { nextRunAt: minutes(-10 + i) })));
      expect((await scan('send'))?._id).toBe(saved[0]!._id);
      await repo.disableJobs({ id: saved[1]!._id });
      await save({ ...saved[2]!, nextRunAt: minutes(30) });
      await repo.removeJobs({ id: saved[3]!._id });
      expect((await scan('send'))?._id).toBe(saved[4]!._id);
      expect(await scan('send')).toBeUndefined();
    });

    it('leaves a fresh lock alone and takes over a lock older than the lock lifetime', async () => {
      const lockedAt = new Date(Date.now() - 30_000);
      const saved = await save(jobParams('send', { nextRunAt: null, lockedAt }));
      const lifetime = (ms: number) =>
        repo.getNextJobToRun('send', new Date(), new Date(Date.now() - ms), undefined, {
          lastModifiedBy: 'w2',
        });
      expect(await lifetime(60_000)).toBeUndefined();
      const taken = await lifetime(10_000);
      expect(taken).toMatchObject({ _id: saved._id, lastModifiedBy: 'w2' });
      expect(taken?.lockedAt?.getTime()).toBeGreaterThan(lockedAt.getTime());
    });

    it('never hands one job to two workers scanning at the same moment', async () => {
      for (let i = 0; i < 10; i += 1) await save(jobParams('send', { data: { i } }));
      const workers = await Promise.all(
        [database.orm, await database.openAnother()].map((orm) => new SqlAgendaBackend(orm).repository),
      );
      const locked = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          workers[i % 2]!.getNextJobToRun('send', new Date(), new Date(0), undefined, undefined),
        ),
      );
      const ids = locked.flatMap((job) => (job ? [job._id] : []));
      expect(ids).toHaveLength(10);
      expect(new Set(ids).size).toBe(10);
    });
  });

  describe('lockJob, unlockJob, unlockJobs', () => {
    it('locks an unlocked job once, and not when it changed since it was read', async () => {
      const saved = await save(jobParams('lock'));
      expect((await repo.lockJob(saved, undefined))?.lockedAt).toBeInstanceOf(Date);
      expect(await repo.lockJob(saved, undefined)).toBeUndefined();
      const moved = await save(jobParams('lock'));
      await save({ ...moved, nextRunAt: minutes(-2) });
      expect(await repo.lockJob(moved, undefined)).toBeUndefined();
    });

    it('unlocks jobs that still have a next run, but not a one-time job whose run had started', async () => {
      const waiting = await save(jobParams('lock'));
      const other = await save(jobParams('lock'));
      const started = await save(jobParams('lock'));
      for (const job of [waiting, other, started]) await repo.lockJob(job, undefined);
      await repo.saveJobState(
        { ...started, lockedAt: new Date(), nextRunAt: null, lastRunAt: new Date() },
        undefined,
      );
      await repo.unlockJob(waiting);
      await repo.unlockJobs([other._id!, started._id!, 'junk']);
      const lockedAt = async (job: JobParameters) => (await repo.getJobById(String(job._id)))?.lockedAt;
      expect(await lockedAt(waiting)).toBeUndefined();
      expect(await lockedAt(other)).toBeUndefined();
      // Cleared, it would be neither due nor expired: never run again after a crash.
      expect(await lockedAt(started)).toBeInstanceOf(Date);
    });
  });

  describe('saveJobState', () => {
    it("writes the processor's fields, clears the lock, and fails for a job that no longer exists", async () => {
      const saved = await save(jobParams('state'));
      const locked = await repo.lockJob(saved, undefined);
      const finished = new Date('2026-02-02T02:02:02.222Z');
      await repo.saveJobState(
        {
          ...locked!,
          lockedAt: undefined,
          lastRunAt: finished,
          lastFinishedAt: finished,
          failedAt: finished,
          failCount: 2,
          failReason: 'boom',
          progress: 42.5,
          nextRunAt: null,
        },
        { lastModifiedBy: 'w' },
      );
      expect(await repo.getJobById(String(saved._id))).toMatchObject({
        lockedAt: undefined,
        lastRunAt: finished,
        lastFinishedAt: finished,
        failedAt: finished,
        failCount: 2,
        failReason: 'boom',
        progress: 42.5,
        nextRunAt: null,
        lastModifiedBy: 'w',
      });
      await repo.removeJobs({ id: saved._id });
      await expect(repo.saveJobState(saved, undefined)).rejects.toThrow(/does not exist/);
    });
  });
});
