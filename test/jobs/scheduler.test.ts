import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { agendaInterval } from '../../src/jobs/recurring-schedule.js';
import {
  createJobScheduler,
  defineJob,
  type JobDefinition,
  type JobScheduler,
} from '../../src/jobs/scheduler.js';
import { createLogger, logContext } from '../../src/shared/logger.js';
import { testDatabaseKind } from '../support/database.js';
import { openJobStoreDatabase, waitFor, type JobStoreDatabase } from './support/job-store-database.js';

describe(`the job scheduler (${testDatabaseKind()})`, () => {
  let database: JobStoreDatabase;
  let scheduler: JobScheduler | undefined;
  const start = async (definitions: JobDefinition<never>[], timezone = 'Asia/Shanghai') => {
    scheduler = await createJobScheduler({
      orm: database.orm,
      timezone,
      definitions,
      logger: createLogger('silent'),
      processEvery: 200,
    });
    await scheduler.start();
    return scheduler;
  };

  beforeAll(async () => {
    database = await openJobStoreDatabase();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await scheduler?.stop();
    scheduler = undefined;
    await database.query('delete from agenda_jobs');
  });
  afterAll(() => database.close());

  it('plans a 07:30 job in Asia/Shanghai for 23:30 UTC the day before', async () => {
    // 2026-01-05 20:00 in Shanghai: the next 07:30 there is on the 6th.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-05T12:00:00.000Z') });
    const digest = defineJob({
      name: 'morning-digest',
      recurring: { dailyAt: '07:30' },
      run: async () => {},
    });
    const { agenda } = await start([digest]);
    const [job] = (await agenda.queryJobs({ name: 'morning-digest' })).jobs;
    expect(job).toMatchObject({
      type: 'single',
      repeatInterval: '30 7 * * *',
      repeatTimezone: 'Asia/Shanghai',
    });
    expect(job?.nextRunAt?.toISOString()).toBe('2026-01-05T23:30:00.000Z');
  });

  it('reads the same wall-clock time in the zone it is given, summer time included', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-07-01T12:00:00.000Z') });
    const digest = defineJob({
      name: 'morning-digest',
      recurring: { dailyAt: '07:30' },
      run: async () => {},
    });
    const { agenda } = await start([digest], 'Europe/Berlin');
    const [job] = (await agenda.queryJobs({ name: 'morning-digest' })).jobs;
    expect(job?.nextRunAt?.toISOString()).toBe('2026-07-02T05:30:00.000Z');
  });

  it('turns a daily time or a cron expression into an Agenda interval, and refuses anything else', () => {
    expect(agendaInterval({ dailyAt: '07:05' })).toBe('5 7 * * *');
    expect(agendaInterval({ cron: ' */2  * * * * * ' })).toBe('*/2 * * * * *');
    expect(() => agendaInterval({ dailyAt: '7:30' })).toThrow(/HH:mm/);
    expect(() => agendaInterval({ cron: 'every day' })).toThrow(/5 fields/);
  });

  it('refuses two definitions with one name', async () => {
    const twice = defineJob({ name: 'x', run: async () => {} });
    await expect(start([twice, twice])).rejects.toThrow(/defined twice/);
  });

  it("runs a queued job through its definition with the job's data, logging under the job's name", async () => {
    const seen: Array<{ data: unknown; job: string | undefined }> = [];
    const stamp = defineJob<{ order: string }>({
      name: 'stamp',
      run: async ({ data }) => {
        seen.push({ data, job: logContext.getStore()?.job });
      },
    });
    const { runNow } = await start([stamp]);
    await runNow('stamp', { order: 'WO-1' });
    await waitFor('the run', async () => seen.length === 1);
    expect(seen).toEqual([{ data: { order: 'WO-1' }, job: 'stamp' }]);
  });

  it('on stop, lets a run under way finish before it returns', async () => {
    let started = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    let release = () => {};
    const slow = defineJob({
      name: 'slow',
      run: async () => {
        started();
        await new Promise<void>((resolve) => (release = resolve));
      },
    });
    const s = await start([slow]);
    const id = await s.runNow('slow', undefined);
    await running;
    const stopping = s.stop();
    setTimeout(() => release(), 200);
    await stopping;
    scheduler = undefined;
    const [job] = (await s.agenda.queryJobs({ id })).jobs;
    expect(job).toMatchObject({ state: 'completed' });
    expect(job?.lockedAt).toBeUndefined();
  });
});
