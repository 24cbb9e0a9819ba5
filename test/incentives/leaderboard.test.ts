import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { evaluateIncentives } from '../../src/incentives/evaluation-service.js';
import { WEEKLY_LEADERBOARD_JOB } from '../../src/incentives/jobs/weekly-leaderboard.job.js';
import { weekOf } from '../../src/incentives/periods.js';
import { PointEntry } from '../../src/incentives/point-entry.entity.js';
import { reportingRates } from '../../src/incentives/reporting-rate.js';
import { jobsOf, pointTriggersOf } from '../../src/capabilities/assembled.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import { testDatabaseKind } from '../support/database.js';
import type { DemoApp } from '../support/demo-app.js';
import { MONDAY_0910, startIncentivesDemo } from './incentives-demo.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `[${r.kind}]`));

// Several server instances share a MySQL database; the embedded SQLite file serves one.
const twoInstances = testDatabaseKind() === 'mysql';

describe(`the weekly leaderboard, on the demo shop with ${twoInstances ? 'two server instances' : 'one server'}`, () => {
  let first: DemoApp;
  let second: DemoApp | undefined;
  const instances = () => (second ? [first, second] : [first]);
  const boards = async () =>
    (
      await first.orm.em
        .fork()
        .find(OutboxMessage, { dedupeKey: { $like: 'leaderboard:%' } }, { orderBy: { id: 'asc' } })
    ).map((m) => ({ to: m.recipientKey, key: m.dedupeKey, content: m.content }));
  const runJob = (app: DemoApp) => {
    const job = jobsOf(coreCapabilities, app.services).find((d) => d.name === WEEKLY_LEADERBOARD_JOB);
    if (!job) throw new Error('the leaderboard job is not defined');
    return job.run({ data: undefined as never, jobId: 'test', touch: async () => {} });
  };

  beforeAll(async () => {
    first = await startIncentivesDemo();
    if (twoInstances) second = await startIncentivesDemo({ db: first.db, clock: first.clock });
    // What the every-minute evaluation job has done by Monday 09:10.
    await evaluateIncentives({
      em: first.orm.em.fork(),
      config: first.factory,
      tz: first.settings.factoryTz,
      now: first.clock.now(),
      triggers: pointTriggersOf(first.services.capabilities),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    await second?.stop();
    await first.stop();
  });

  it('is planned for Monday 09:10 Asia/Shanghai — 01:10 UTC — as one job however many instances', async () => {
    // Tuesday evening in Shanghai: the next Monday is the 30th.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T12:00:00Z') });
    for (const app of instances()) await app.jobs.start();
    try {
      const { jobs } = await first.jobs.agenda.queryJobs({ name: WEEKLY_LEADERBOARD_JOB });
      expect(jobs.map((j) => [j.repeatInterval, j.repeatTimezone, j.nextRunAt?.toISOString()])).toEqual([
        ['10 9 * * 1', 'Asia/Shanghai', '2026-11-30T01:10:00.000Z'],
      ]);
    } finally {
      for (const app of instances()) await app.jobs.stop();
    }
  });

  it('measures the reporting rate per person and team: operations reported before their shift ended', async () => {
    const rates = await reportingRates(
      first.orm.em.fork(),
      weekOf(first.clock.now(), first.settings.factoryTz, 1),
      first.factory,
      first.settings.factoryTz,
    );
    expect(Object.fromEntries(rates.teams)).toEqual({
      cnc: { worked: 8, onTime: 7, rate: 0.875 },
      stamping: { worked: 8, onTime: 8, rate: 1 },
      finishing: { worked: 4, onTime: 4, rate: 1 },
    });
    // Two shifts with 铣键槽 reported, and Sunday's WO-DEMO-006 started and left unreported.
    expect(rates.people.get('liuyang')).toEqual({ worked: 3, onTime: 2, rate: 0.6667 });
    expect(rates.people.get('zhangwei')).toEqual({ worked: 4, onTime: 4, rate: 1 });
  });

  it('run at Monday 09:10 by every instance at once, sends each team group exactly one board, with its figures', async () => {
    first.clock.set(MONDAY_0910);
    await Promise.all(instances().map(runJob));
    await runJob(first); // a late re-run, as after a restart, sends nothing more
    const sent = await boards();
    expect(sent.map((b) => [b.to, b.key, b.content.kind])).toEqual([
      ['group:wrDemoStamp', 'leaderboard:2026-11-23:team:stamping:0', 'markdown'],
      ['group:wrDemoStamp', 'leaderboard:2026-11-23:team:stamping:1', 'image'],
      ['group:wrDemoFinish', 'leaderboard:2026-11-23:team:finishing:0', 'markdown'],
      ['group:wrDemoFinish', 'leaderboard:2026-11-23:team:finishing:1', 'image'],
      ['group:wrDemoCnc', 'leaderboard:2026-11-23:team:cnc:0', 'markdown'],
      ['group:wrDemoCnc', 'leaderboard:2026-11-23:team:cnc:1', 'image'],
    ]);
    const markdown = (teamId: string) => {
      const content = sent.find((b) => b.key === `leaderboard:2026-11-23:team:${teamId}:0`)?.content;
      return content?.kind === 'markdown' ? content.text : '';
    };
    expect(markdown('stamping')).toBe(
      [
        '### 冲压组 · 上周积分榜（11-23—11-29）',
        '**上周之星** 👏',
        '🥇 吴军 23 分',
        '🥈 马玲 17 分',
        // 孙浩 and 徐强 tie: both are third (a tie was once split by their ids, 徐强 left off the podium).
        '🥉 孙浩 6 分',
        '🥉 徐强 6 分',
        '',
        '✅ 班组报工率 100.0%（8 道工序中 8 道在下班前报工）',
        '🏆 报工率全厂第一，了不起！',
        '',
        '按时报工就能得积分，下周榜上见！发送「积分」查看自己的积分。',
      ].join('\n'),
    );
    // Praise only: the team below the others hears its best people and its rate, not its rank.
    expect(markdown('cnc')).toBe(
      [
        '### 数控组 · 上周积分榜（11-23—11-29）',
        '**上周之星** 👏',
        '🥇 张伟 10 分',
        '🥈 杨帆 6 分',
        '🥉 刘洋 4 分',
        '',
        '✅ 班组报工率 87.5%（8 道工序中 7 道在下班前报工）',
        '',
        '按时报工就能得积分，下周榜上见！发送「积分」查看自己的积分。',
      ].join('\n'),
    );
    const image = sent[5]?.content;
    expect(image?.kind === 'image' && Buffer.from(image.png, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('evaluated by every instance at the same moment, pays each event once and keeps to the caps', async () => {
    first.clock.set('2026-11-30T02:00:00Z');
    for (const quantity of [1, 2, 3]) await first.as('zhangwei').say(`完工 WO-DEMO-001 ${quantity}`);
    // As if the payments at commit had failed: the evaluation job is what catches up.
    await first.orm.em.fork().nativeDelete(PointEntry, {
      person: 'zhangwei',
      occurredAt: { $gte: new Date('2026-11-29T16:00:00Z') },
    });
    first.clock.set('2026-11-30T02:01:00Z');
    const written = await Promise.all(
      instances().map((app) =>
        evaluateIncentives({
          em: app.orm.em.fork(),
          config: app.factory,
          tz: app.settings.factoryTz,
          now: app.clock.now(),
          triggers: pointTriggersOf(app.services.capabilities),
        }),
      ),
    );
    expect(written.reduce((n, w) => n + (w.work_report ?? 0), 0)).toBe(2);
    const today = await first.orm.em
      .fork()
      .find(
        PointEntry,
        { person: 'zhangwei', occurredAt: { $gte: new Date('2026-11-29T16:00:00Z') } },
        { orderBy: { id: 'asc' } },
      );
    expect(today.map((e) => [e.ruleId, e.details.good, e.points])).toEqual([
      ['report', 1, 1],
      ['report', 2, 1],
    ]);
  });

  it('排行 shows the individual and the team boards of a week', async () => {
    expect(texts(await first.as('zhangwei').say('排行 上周'))).toEqual([
      [
        '积分排行 · 上周（11-23—11-29）',
        '个人榜：',
        '🥇 吴军 23 分',
        '🥈 马玲 17 分',
        '🥉 郭林 11 分',
        '4. 张伟 10 分',
        // Equal points share a place, and the next place skips as many.
        '5. 何平 6 分',
        '5. 胡杰 6 分',
        '5. 孙浩 6 分',
        '5. 徐强 6 分',
        '5. 杨帆 6 分',
        '10. 刘洋 4 分',
        '班组榜（人均积分 · 报工率）：',
        '1. 冲压组 人均 10.4 分 · 报工率 100.0%',
        '2. 精整组 人均 4.6 分 · 报工率 100.0%',
        '3. 数控组 人均 4 分 · 报工率 87.5%',
      ].join('\n'),
    ]);
    expect(texts(await first.as('zhangwei').say('排行 明年'))).toEqual([
      '「明年」看不懂。可以说「排行 本周」「排行 上周」「排行 本月」或「排行 上月」。',
    ]);
    expect(texts(await first.as('zhangwei').say('排行 上月'))[0]).toMatch(
      /^积分排行 · 上月（10-01—10-31）\n/,
    );
  });
});
