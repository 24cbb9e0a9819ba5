import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { MORNING_DIGEST_JOB } from '../../src/digest/jobs/morning-digest.job.js';
import { jobDefinitions } from '../../src/job-definitions.js';
import { ManualClock } from '../../src/shared/clock.js';
import { testDatabaseKind } from '../support/database.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

describe('the morning digest job', () => {
  const apps: DemoApp[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const app of apps.splice(0)) await app.close();
  });

  it('is planned for 07:30 Asia/Shanghai, which is 23:30 UTC the day before', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T12:00:00Z') });
    const app = await startDemoApp();
    apps.push(app);
    await app.jobs.start();
    const [job] = (await app.jobs.agenda.queryJobs({ name: MORNING_DIGEST_JOB })).jobs;
    expect(job?.nextRunAt?.toISOString()).toBe('2026-11-24T23:30:00.000Z');
    await app.jobs.stop();
    await app.db.drop();
  });

  // Several server instances share a MySQL database; the embedded SQLite file is for one.
  it.runIf(testDatabaseKind() === 'mysql')(
    'run by two server instances at 07:30, sends yesterday’s digest to each supervisor once',
    async () => {
      const clock = new ManualClock('2026-11-24T02:00:00Z');
      const first = await startDemoApp({ clock });
      apps.push(first);
      const second = await startDemoApp({ db: first.db, clock });
      apps.push(second);
      clock.set('2026-11-23T23:30:00Z'); // 07:30 on the 24th in Shanghai: the digest of the 23rd
      const run = (app: DemoApp) => {
        const job = jobDefinitions(app.services).find((d) => d.name === MORNING_DIGEST_JOB);
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
});
