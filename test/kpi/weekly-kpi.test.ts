import { afterEach, describe, expect, it, vi } from 'vitest';
import { jobsOf } from '../../src/capabilities/assembled.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { WEEKLY_KPI_JOB, weeklyCron } from '../../src/kpi/jobs/weekly-kpi.job.js';
import { ManualClock } from '../../src/shared/clock.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

describe('the weekly KPI message', () => {
  const apps: DemoApp[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const app of apps.splice(0)) await app.stop();
  });

  it('reads kpi.weekly as ISO weekday and time: Monday 08:30 by default, Sunday is cron day 0', () => {
    expect(weeklyCron({ day: 1, time: '08:30' })).toBe('30 8 * * 1');
    expect(weeklyCron({ day: 7, time: '18:05' })).toBe('5 18 * * 0');
  });

  it('is planned for Monday 08:30 Asia/Shanghai, which is 00:30 UTC', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T02:00:00Z') });
    const app = await startDemoApp();
    apps.push(app);
    await app.jobs.start();
    const [job] = (await app.jobs.agenda.queryJobs({ name: WEEKLY_KPI_JOB })).jobs;
    expect(job?.nextRunAt?.toISOString()).toBe('2026-11-30T00:30:00.000Z');
    await app.jobs.stop();
  });

  it('on Monday morning sends last week’s KPIs with an 8-week trend chart to each manager, once', async () => {
    const clock = new ManualClock('2026-11-24T02:00:00Z');
    const app = await startDemoApp({ clock });
    apps.push(app);
    // What `KPI 上周` says on Monday morning: the demo's whole week, its machines' hours to Sunday night.
    clock.set('2026-11-30T00:30:00Z');
    const [asked] = await app.as('lijianguo').say('KPI 上周');
    const job = jobsOf(coreCapabilities, app.services).find((d) => d.name === WEEKLY_KPI_JOB);
    const run = async (iso: string) => {
      clock.set(iso);
      await job?.run({ data: undefined as never, jobId: 'test', touch: async () => {} });
    };
    await run('2026-11-30T00:30:00Z'); // Monday 08:30 in Shanghai
    await run('2026-11-30T00:35:00Z'); // a second run the same morning
    const sent = await app.orm.em
      .fork()
      .find(OutboxMessage, { dedupeKey: { $like: 'kpi:weekly:%' } }, { orderBy: { id: 'asc' } });
    expect(sent.map((s) => [s.recipientKey, s.content.kind, s.dedupeKey])).toEqual([
      ['zhengli', 'markdown', 'kpi:weekly:2026-11-23:person:zhengli:0'],
      ['zhengli', 'image', 'kpi:weekly:2026-11-23:person:zhengli:1'],
    ]);
    const [markdown, image] = sent.map((s) => s.content);
    expect(markdown?.kind === 'markdown' && markdown.title).toBe(
      '示例五金厂 · 周 KPI 2026-11-23 至 2026-11-29',
    );
    const text = markdown?.kind === 'markdown' ? markdown.text : '';
    const [summary, trend] = text.split('\n\n');
    expect(summary).toBe(asked?.kind === 'text' ? asked.text : '');
    expect(trend).toBe(
      [
        '近 8 周趋势（2026-10-05 起）：',
        '准时交付率：— → — → — → — → — → — → 100.0% → —',
        '异常按时关闭率：— → — → — → — → — → — → 100.0% → 0.0%',
        '一次合格率：— → — → — → — → — → — → 99.1% → 98.5%',
      ].join('\n'),
    );
    const png = image?.kind === 'image' ? Buffer.from(image.png, 'base64') : Buffer.alloc(0);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
