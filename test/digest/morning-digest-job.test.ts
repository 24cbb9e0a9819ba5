import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { MORNING_DIGEST_JOB } from '../../src/digest/jobs/morning-digest.job.js';
import { jobsOf } from '../../src/capabilities/assembled.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import { ManualClock } from '../../src/shared/clock.js';
import { testDatabaseKind } from '../support/database.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

describe('the morning digest job', () => {
  const apps: DemoApp[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const app of apps.splice(0)) await app.close();
  });

  // digest.time is 07:30, but the demo's 夜班 runs to 08:00: the digest waits for it.
  it('is planned for 08:00 Asia/Shanghai, when the night shift ends, which is 00:00 UTC', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T12:00:00Z') });
    const app = await startDemoApp();
    apps.push(app);
    await app.jobs.start();
    const [job] = (await app.jobs.agenda.queryJobs({ name: MORNING_DIGEST_JOB })).jobs;
    expect(job?.nextRunAt?.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    await app.jobs.stop();
    await app.db.drop();
  });

  // Several server instances share a MySQL database; the embedded SQLite file is for one.
  it.runIf(testDatabaseKind() === 'mysql')(
    'run by two server instances at 08:00, sends the last production day’s digest to each supervisor once',
    async () => {
      const clock = new ManualClock('2026-11-24T02:00:00Z');
      const first = await startDemoApp({ clock });
      apps.push(first);
      const second = await startDemoApp({ db: first.db, clock });
      apps.push(second);
      clock.set('2026-11-24T00:00:00Z'); // 08:00 on the 24th in Shanghai: the 23rd's night shift is over
      const run = (app: DemoApp) => {
        const job = jobsOf(coreCapabilities, app.services).find((d) => d.name === MORNING_DIGEST_JOB);
        return job?.run({ data: undefined as never, jobId: 'test', touch: async () => {} });
      };
      await Promise.all([run(first), run(second)]);
      const digests = await first.orm.em
        .fork()
        .find(OutboxMessage, { dedupeKey: { $like: 'digest:%' } }, { orderBy: { id: 'asc' } });
      expect(digests.map((d) => [d.recipientKey, d.content.kind])).toEqual([
        ['lijianguo', 'markdown'],
        ['lijianguo', 'image'],
      ]);
      const markdown = digests[0]?.content;
      expect(markdown?.kind === 'markdown' && markdown.title).toBe('示例五金厂 · 2026-11-23 生产日报');
      await first.db.drop();
    },
  );

  it('never sends a production day before its night shift has ended, nor any day twice', async () => {
    const clock = new ManualClock('2026-11-24T02:00:00Z');
    const app = await startDemoApp({ clock });
    apps.push(app);
    const job = jobsOf(coreCapabilities, app.services).find((d) => d.name === MORNING_DIGEST_JOB);
    const runAt = async (iso: string) => {
      clock.set(iso);
      await job?.run({ data: undefined as never, jobId: 'test', touch: async () => {} });
    };
    await runAt('2026-11-23T23:30:00Z'); // 07:30 on the 24th: the 23rd's night shift still works
    await runAt('2026-11-24T00:00:00Z'); // 08:00: it has ended
    await runAt('2026-11-24T00:05:00Z'); // a second run the same morning
    const digests = await app.orm.em
      .fork()
      .find(OutboxMessage, { dedupeKey: { $like: 'digest:%' } }, { orderBy: { id: 'asc' } });
    expect(digests.flatMap((d) => (d.content.kind === 'markdown' ? [d.content.title] : []))).toEqual([
      '示例五金厂 · 2026-11-22 生产日报',
      '示例五金厂 · 2026-11-23 生产日报',
    ]);
    await app.db.drop();
  });
});
