import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { parseFactoryConfig } from '../../src/config/factory-loader.js';
import { features } from '../../src/features.js';
import { kpiPeriod, type KpiPeriodKind } from '../../src/kpi/kpi-period.js';
import { kpiFigures } from '../../src/kpi/kpi-service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { at, buildFortnight, fortnightYaml, TZ } from './known-fortnight.js';

/** Sunday evening of the second week: 本周 is 23–29 November, 上周 16–22. */
const NOW = at(29, '22:00');
const none = { hours: null, count: 0, improvement: null };
const rate = (part: number, whole: number) => ({ part, whole, rate: whole > 0 ? part / whole : null });
/** A figure worked out by hand as a fraction, compared to 12 decimals. */
const about = (n: number) => expect.closeTo(n, 12);

describe('KPIs of a hand-built fortnight', () => {
  let app: TestApp;
  const figures = (kind: KpiPeriodKind) =>
    kpiFigures({ em: app.orm.em.fork(), config: app.factory, tz: TZ, now: NOW }, kind);

  beforeAll(async () => {
    app = await startTestApp({ features, factory: fortnightYaml, env: { FACTORY_TZ: TZ } });
    await app.orm.em.fork().transactional((tx) => buildFortnight(tx, app));
  });
  afterAll(async () => {
    await app.stop();
  });

  it('has every figure of this week right, per factory, team and machine', async () => {
    expect(await figures('this_week')).toEqual({
      period: {
        kind: 'this_week',
        firstDay: '2026-11-23',
        lastDay: '2026-11-29',
        from: at(23, '00:00'),
        to: at(30, '00:00'),
      },
      // Acknowledged after 1 h, 3 h and 2 h: median 2 h against a 4 h baseline, (4 − 2) / 4.
      exceptionResponse: { hours: 2, count: 3, improvement: 0.5 },
      // Closed after 3 h and 10 h; the third is still open.
      exceptionClose: { hours: 6.5, count: 2, improvement: null },
      // Only the material exception was closed within its kind's limit (3 h ≤ 4 h; 10 h > 8 h).
      exceptionClosure: rate(1, 3),
      // Taken after 0.5 h and 1.5 h against a 2 h baseline.
      repairAccept: { hours: 1, count: 2, improvement: 0.5 },
      repairArchive: { hours: 4, count: 1, improvement: null },
      // WO-5's 6 at 00:01 Monday, WO-3's 5 + 3 (2 scrap), WO-4's 10.
      firstPassYield: rate(24, 26),
      // WO-3 on Tuesday's and Thursday's day shifts, WO-4 on Wednesday's night shift, each
      // reported in it; WO-5's 00:01 report is in Sunday's night shift, last week's.
      reportingRate: rate(3, 3),
      // WO-5 and WO-4 (completed 23:30 on its due day) on time, WO-3 two days late.
      onTimeDelivery: rate(2, 3),
      late: [{ number: 'WO-3', dueDate: '2026-11-24', completedOn: '2026-11-26', daysLate: 2 }],
      // Plating back after 4 and 2 days: median 3 against 6 days on paper.
      outsourcingReturn: { days: 3, count: 2, improvement: 0.5 },
      // No scrap waited for approval in this fortnight.
      scrapApproval: none,
      formCompletion: [],
      teams: [
        {
          // The exception raised on the order rather than an operation, and the machine without a team.
          teamId: null,
          exceptionResponse: { hours: 2, count: 1, improvement: 0.5 },
          exceptionClose: none,
          exceptionClosure: rate(0, 1),
          repairAccept: { hours: 1.5, count: 1, improvement: 0.25 },
          repairArchive: none,
          firstPassYield: rate(0, 0),
          reportingRate: rate(0, 0),
        },
        {
          teamId: 'cnc',
          exceptionResponse: { hours: 2, count: 2, improvement: 0.5 },
          exceptionClose: { hours: 6.5, count: 2, improvement: null },
          exceptionClosure: rate(1, 2),
          repairAccept: { hours: 0.5, count: 1, improvement: 0.75 },
          repairArchive: { hours: 4, count: 1, improvement: null },
          firstPassYield: rate(24, 26),
          reportingRate: rate(3, 3),
        },
      ],
      machines: [
        // Both machines have shifts round the clock: 166 h from Monday 00:00 to Sunday 22:00.
        {
          equipment: 'M1',
          repairAccept: { hours: 0.5, count: 1, improvement: 0.75 },
          repairArchive: { hours: 4, count: 1, improvement: null },
          firstPassYield: rate(14, 16),
          // Down 4 h for its repair; 16 pieces × 30 standard minutes = 480 of the 9,720 it ran.
          uptime: {
            plannedHours: 166,
            downHours: 4,
            availability: about(162 / 166),
            performance: about(480 / 9720),
            oee: about((162 / 166) * (480 / 9720) * (14 / 16)),
            mttrHours: 4,
            mtbfHours: 162,
          },
        },
        {
          equipment: 'M2',
          repairAccept: { hours: 1.5, count: 1, improvement: 0.25 },
          repairArchive: none,
          firstPassYield: rate(10, 10),
          // Down since Friday 10:00, still: 60 h; 10 pieces × 30 of 6,360 minutes run; no repair ended.
          uptime: {
            plannedHours: 166,
            downHours: 60,
            availability: about(106 / 166),
            performance: about(300 / 6360),
            oee: about((106 / 166) * (300 / 6360)),
            mttrHours: null,
            mtbfHours: 106,
          },
        },
      ],
    });
  });

  it('counts the 23:59 Sunday report and its Monday correction in last week, the 00:01 Monday one in this', async () => {
    const last = await figures('last_week');
    expect(last.period).toMatchObject({ firstDay: '2026-11-16', lastDay: '2026-11-22', to: at(23, '00:00') });
    // WO-1's 9 + 1 scrap, WO-5's 4 at 23:59 corrected to 3 + 1 scrap.
    expect(last.firstPassYield).toEqual(rate(12, 14));
    // WO-1 on Wednesday's day shift; WO-5 started 20:00 Sunday, reported 23:59 and 00:01: one shift.
    expect(last.reportingRate).toEqual(rate(2, 2));
    // M1 ran all 168 h; WO-1's 10 pieces and WO-5's 4 (the correction moves one to scrap, the
    // pieces stay 4) at 30 standard minutes each; no breakdown.
    expect(last.machines.map((m) => [m.equipment, m.uptime])).toEqual([
      [
        'M1',
        {
          plannedHours: 168,
          downHours: 0,
          availability: 1,
          performance: about(420 / 10_080),
          oee: about((420 / 10_080) * (12 / 14)),
          mttrHours: null,
          mtbfHours: null,
        },
      ],
    ]);
    expect(last.exceptionResponse).toEqual({ hours: 2, count: 1, improvement: 0.5 });
    expect(last.exceptionClose).toEqual({ hours: 2, count: 1, improvement: null });
    expect(last.exceptionClosure).toEqual(rate(1, 1));
    expect(last.repairAccept).toEqual(none);
    // WO-5 completed at 00:01 on Monday: this week's delivery, not last week's.
    expect(last.onTimeDelivery).toEqual(rate(1, 1));
    expect(last.late).toEqual([]);
    expect(last.outsourcingReturn).toEqual({ days: 7, count: 1, improvement: -1 / 6 });

    expect(kpiPeriod('this_week', at(22, '23:59'), TZ).firstDay).toBe('2026-11-16');
    expect(kpiPeriod('this_week', at(23, '00:01'), TZ).firstDay).toBe('2026-11-23');
    expect(kpiPeriod('last_week', at(23, '00:01'), TZ).firstDay).toBe('2026-11-16');
    // A manager reading November on the first of December: the whole of last month.
    const december = new Date('2026-12-01T00:30:00+08:00');
    expect(kpiPeriod('last_month', december, TZ)).toMatchObject({
      firstDay: '2026-11-01',
      lastDay: '2026-11-30',
      from: new Date('2026-11-01T00:00:00+08:00'),
      to: new Date('2026-12-01T00:00:00+08:00'),
    });
    expect(kpiPeriod('last_month', new Date('2026-03-15T12:00:00+08:00'), TZ).lastDay).toBe('2026-02-28');
  });

  it('adds up the month', async () => {
    const month = await figures('this_month');
    expect(month.period).toMatchObject({
      firstDay: '2026-11-01',
      lastDay: '2026-11-30',
      to: new Date('2026-12-01T00:00:00+08:00'),
    });
    expect(month.exceptionResponse).toEqual({ hours: 2, count: 4, improvement: 0.5 });
    expect(month.exceptionClose).toEqual({ hours: 3, count: 3, improvement: null });
    expect(month.exceptionClosure).toEqual(rate(2, 4));
    expect(month.firstPassYield).toEqual(rate(36, 40));
    expect(month.reportingRate).toEqual(rate(5, 5));
    expect(month.onTimeDelivery).toEqual(rate(3, 4));
    expect(month.outsourcingReturn).toEqual({ days: 4, count: 3, improvement: 1 / 3 });
  });

  it('answers KPI in chat with each figure against its baseline, then the late orders', async () => {
    app.clock.set(NOW);
    const say = (text: string) => new ConsoleSession(app.chat.engine, app.clock, 'lijianguo').say(text);
    const texts = (replies: OutboundContent[]) =>
      replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));
    expect(texts(await say('KPI'))).toEqual([
      [
        'KPI 2026-11-23 至 2026-11-29',
        '异常响应：中位 2.0 小时（3 次，基线 4.0 小时，缩短 50.0%）',
        '异常关闭：中位 6.5 小时（2 次）',
        '异常按时关闭率：33.3%（1/3 条，基线 58.0%）',
        '报修接单：中位 1.0 小时（2 次，基线 2.0 小时，缩短 50.0%）',
        '报修到验收：中位 4.0 小时（1 次）',
        '准时交付率：66.7%（2/3 单，基线 76.0%）',
        '一次合格率：92.3%（24/26 件）',
        '报工率：100.0%（3/3 道工序）',
        '外发回厂周期：中位 3.0 天（2 批，基线 6.0 天，缩短 50.0%）',
        // 162/166, 480/9,720 and 14/16; 106/166 and 300/6,360 (see the figures above).
        '设备：',
        '- M1：OEE 4.2%（可用 97.6% × 性能 4.9% × 合格 87.5%），MTTR 4.0 小时，MTBF 162.0 小时',
        '- M2：OEE 3.0%（可用 63.9% × 性能 4.7% × 合格 100.0%），MTTR 暂无，MTBF 106.0 小时',
        '延期工单：',
        '- WO-3 交期 2026-11-24，2026-11-26 完工，晚 2 天',
      ].join('\n'),
    ]);
    expect(texts(await say('KPI 上周'))[0]).toMatch(/^KPI 2026-11-16 至 2026-11-22\n/);
    expect(texts(await say('KPI 上月'))[0]).toMatch(/^KPI 2026-10-01 至 2026-10-31\n/);
    expect(texts(await say('KPI 明年'))).toEqual(['「明年」不是统计周期，请写 本周、上周、本月 或 上月。']);
  });
});

describe('factory.yaml kpi:', () => {
  it('keeps the default limits and refuses unknown baselines and partial limits', () => {
    expect(parseFactoryConfig('kpi: { baselines: { onTimeDelivery: 0.76 } }').kpi).toEqual({
      baselines: { onTimeDelivery: 0.76 },
      exceptionLimitHours: { material: 4, equipment: 8, quality: 4, other: 24 },
      weekly: { day: 1, time: '08:30' },
    });
    expect(() => parseFactoryConfig('kpi: { baselines: { speed: 3 } }')).toThrow(/speed|additional/);
    expect(() => parseFactoryConfig('kpi: { exceptionLimitHours: { material: 2 } }')).toThrow(/equipment/);
    expect(() => parseFactoryConfig('kpi: { baselines: { onTimeDelivery: 76 } }')).toThrow(/onTimeDelivery/);
  });
});
