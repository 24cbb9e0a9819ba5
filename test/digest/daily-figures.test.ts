import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { buildDailyFigures } from '../../src/digest/daily-figures.js';
import { digestChart, digestChartPng } from '../../src/digest/digest-chart.js';
import { chartSvg } from '../../src/shared/chart-png.js';
import { sendMorningDigest } from '../../src/digest/digest-service.js';
import { digestMarkdown } from '../../src/digest/messages.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { buildDay, buildTwoJobsOnOneMachine, local, TZ } from './known-day.js';

/** The default shifts (白班 08:00–20:00, 夜班 20:00–08:00): the production day starts at 08:00. */
const PRODUCTION_DAY = { tz: TZ, startsAt: '08:00' };
/** The 23rd's production day ends at 08:00 on the 24th, after the night shift: its digest goes out then. */
const DIGEST_NOW = local('08:00', '2026-11-24');
const SPAN = { from: '11-23 08:00', to: '11-24 08:00' };

describe('the morning digest of a day with known reports', () => {
  let app: TestApp;
  let ids: { materialException: number };

  beforeAll(async () => {
    app = await startTestApp({ factory: castYaml, env: { FACTORY_TZ: TZ } });
    ids = await app.orm.em.fork().transactional((tx) => buildDay(tx, app));
  });
  afterAll(async () => {
    await app.stop();
  });

  it('has every figure right', async () => {
    const figures = await buildDailyFigures(app.orm.em.fork(), '2026-11-23', {
      productionDay: PRODUCTION_DAY,
      riskDays: 3,
      now: DIGEST_NOW,
    });
    expect(figures).toEqual({
      day: '2026-11-23',
      from: local('08:00'),
      to: DIGEST_NOW,
      orders: [
        {
          number: 'WO-A',
          itemName: '轴',
          quantity: 100,
          // 车削: 60 reported, 10 of them taken back by a reversing report; 磨削: 50 by day, 5 at night.
          operations: [
            { sequence: 10, name: '车削', good: 50, scrap: 2 },
            { sequence: 20, name: '磨削', good: 55, scrap: 1 },
          ],
          good: 105,
          finished: 55,
          scrap: 3,
          finishedTotal: 55,
          progress: 0.55,
        },
        {
          number: 'WO-B',
          itemName: '轴',
          quantity: 20,
          operations: [{ sequence: 20, name: '磨削', good: 18, scrap: 1 }],
          good: 18,
          finished: 18,
          scrap: 1,
          finishedTotal: 18,
          progress: 0.9,
        },
      ],
      totals: {
        reports: 4,
        corrections: 1,
        earlierCorrected: 0,
        good: 123,
        scrap: 4,
        scrapRate: 0.0315,
        finished: 73,
      },
      materials: [{ itemCode: 'R1', itemName: '圆钢', unit: 'kg', quantity: 12.5 }],
      equipment: [
        { code: 'M1', name: '车床', runMinutes: 480, downMinutes: 90 },
        { code: 'M2', name: '磨床', runMinutes: 120, downMinutes: 0 },
      ],
      atRisk: [
        { number: 'WO-B', itemName: '轴', dueDate: '2026-11-20', progress: 0.9, overdue: true },
        { number: 'WO-A', itemName: '轴', dueDate: '2026-11-25', progress: 0.58, overdue: false },
      ],
      openExceptions: [
        {
          id: ids.materialException,
          kind: 'material',
          number: 'WO-A',
          reason: '圆钢缺料',
          ageHours: 23,
          status: 'raised',
        },
      ],
    });
  });

  it('reads as one message with a chart', async () => {
    const figures = await buildDailyFigures(app.orm.em.fork(), '2026-11-23', {
      productionDay: PRODUCTION_DAY,
      riskDays: 3,
      now: DIGEST_NOW,
    });
    const { text } = digestMarkdown(figures, '示例五金厂', SPAN);
    expect(text).toContain('统计时段：11-23 08:00 至 11-24 08:00。\n');
    expect(text).toContain('**报工 4 次**：各工序合格 123 件，报废 4 件，报废率 3.1%；末道工序完工 73 件。');
    expect(text).toContain(
      '- WO-A 轴：10 车削 50 件（报废 2） · 20 磨削 55 件（报废 1）；完工 55，累计 55/100（55.0%）',
    );
    expect(text).toContain('- WO-B 轴：20 磨削 18 件（报废 1）；完工 18，累计 18/20（90.0%）');
    expect(text).toContain('- M1 车床：运行 8.0 小时，故障停机 1.5 小时');
    expect(text).toContain('- 🔴 已逾期 WO-B 轴，交期 2026-11-20，完成 90.0%');
    expect(text).toContain(`- E${ids.materialException} 缺料 WO-A：圆钢缺料（已 23 小时）`);
    const aged = (ageHours: number) =>
      digestMarkdown(
        { ...figures, openExceptions: figures.openExceptions.map((e) => ({ ...e, ageHours })) },
        '示例五金厂',
        SPAN,
      ).text;
    expect(aged(0)).toContain('圆钢缺料（不到 1 小时）');
    expect(aged(50)).toContain('圆钢缺料（已 2 天 2 小时）');
    const png = await digestChartPng(figures);
    expect(png?.subarray(1, 4).toString()).toBe('PNG');
    expect(png?.length).toBeGreaterThan(5_000);
  });

  it('draws a grid line above the tallest bar, so that its number stands clear of the top', async () => {
    const figures = await buildDailyFigures(app.orm.em.fork(), '2026-11-23', {
      productionDay: PRODUCTION_DAY,
      riskDays: 3,
      now: DIGEST_NOW,
    });
    // 150 is a round number: an axis fitted to the data would end exactly on it.
    const order = { ...figures.orders[0]!, good: 150, finished: 0, scrap: 2 };
    const svg = await digestChart({ ...figures, orders: [order] }, chartSvg);
    const numbers = [...(svg ?? '').matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((t) => Number(t[1]));
    expect(numbers).toContain(150); // the bar's own label
    expect(Math.max(...numbers)).toBeGreaterThan(150);
  });

  it('counts a machine’s time once where two operations’ reports cover the same hours, and not an undone report’s', async () => {
    await app.orm.em.fork().transactional((tx) => buildTwoJobsOnOneMachine(tx, app));
    const figures = await buildDailyFigures(app.orm.em.fork(), '2026-11-25', {
      productionDay: PRODUCTION_DAY,
      riskDays: 3,
      now: local('08:00', '2026-11-26'),
    });
    // Reports of 120 minutes each on both operations, 08:00–10:00, and an undone one 10:00–12:00.
    expect(figures.equipment).toEqual([{ code: 'M2', name: '磨床', runMinutes: 120, downMinutes: 0 }]);
    expect(figures.totals).toMatchObject({ reports: 3, corrections: 1, good: 50 });
  });

  it('says so on a day with nothing in it', async () => {
    const figures = await buildDailyFigures(app.orm.em.fork(), '2026-11-10', {
      productionDay: PRODUCTION_DAY,
      riskDays: 0,
      now: local('08:00', '2026-11-11'),
    });
    const quiet = { ...figures, openExceptions: [] };
    expect(digestMarkdown(quiet, '示例五金厂', { from: '11-10 08:00', to: '11-11 08:00' }).text).toBe(
      '### 示例五金厂 · 2026-11-10 生产日报\n统计时段：11-10 08:00 至 11-11 08:00。\n没有报工、领料或异常记录。',
    );
    expect(await digestChartPng(quiet)).toBeUndefined();
  });

  it('is put into the outbox once per supervisor, however often it is asked for', async () => {
    const deps = {
      em: app.orm.em.fork(),
      outbox: app.chat.outbox,
      config: app.factory,
      tz: TZ,
      now: DIGEST_NOW,
    };
    expect(await sendMorningDigest(deps)).toBe(true);
    expect(await sendMorningDigest({ ...deps, em: app.orm.em.fork() })).toBe(false);
    const sent = await app.orm.em
      .fork()
      .find(OutboxMessage, { dedupeKey: { $like: 'digest:%' } }, { orderBy: { id: 'asc' } });
    expect(sent.map((m) => [m.recipientKey, m.content.kind])).toEqual([
      ['lijianguo', 'markdown'],
      ['lijianguo', 'image'],
    ]);
  });
});
