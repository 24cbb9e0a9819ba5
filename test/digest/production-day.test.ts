import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import { imageFiles } from '../../src/channels/console/image-files.js';
import { renderAsText } from '../../src/channels/console/render-text.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { type FactoryConfig } from '../../src/config/factory-config.js';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { parseFactoryConfig } from '../../src/config/factory-loader.js';
import { features } from '../../src/features.js';
import { digestDueAt, digestRunTime, dueDigestDay } from '../../src/digest/digest-day.js';
import { awardEvents } from '../../src/incentives/awards.js';
import { weekOf } from '../../src/incentives/periods.js';
import { reportingRates } from '../../src/incentives/reporting-rate.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { productionDateOf, productionDay, productionInterval } from '../../src/shared/production-day.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { buildDay, local, TZ } from './known-day.js';

/** The example's shifts, as factory.example.yaml has them: 白班 08:00–20:00, 夜班 20:00–08:00. */
const example = defaultFactoryConfig;
const withConfig = (changes: Partial<FactoryConfig>): FactoryConfig => ({ ...example, ...changes });
const dayShiftOnly = withConfig({ shifts: [{ name: '白班', start: '08:00', end: '17:00' }] });

describe('the production day', () => {
  it('runs from the first shift’s start, so a night shift belongs whole to the day it began', () => {
    const day = productionDay(example, TZ);
    expect(day).toEqual({ tz: TZ, startsAt: '08:00' });
    expect(productionDateOf(local('07:30', '2026-11-30'), day)).toBe('2026-11-29');
    expect(productionDateOf(local('08:00', '2026-11-30'), day)).toBe('2026-11-30');
    expect(productionDateOf(local('23:59', '2026-11-30'), day)).toBe('2026-11-30');
    expect(productionInterval('2026-11-29', day)).toEqual({
      start: new Date('2026-11-29T00:00:00Z'),
      end: new Date('2026-11-30T00:00:00Z'),
    });
  });

  it('can start at another time, set in factory.yaml', () => {
    const config = parseFactoryConfig(`${castYaml}\nproductionDay: { startsAt: '06:30' }\n`);
    const day = productionDay(config, TZ);
    expect(day.startsAt).toBe('06:30');
    expect(productionDateOf(local('06:29', '2026-11-30'), day)).toBe('2026-11-29');
    expect(productionInterval('2026-11-29', day).start).toEqual(local('06:30', '2026-11-29'));
    expect(() => parseFactoryConfig('productionDay: { startsAt: "6点" }\n')).toThrow(
      'factory.yaml: productionDay.startsAt',
    );
  });

  it('sends the digest of 11-29 at 08:00 on 11-30, after the night shift, not at 07:30', () => {
    expect(digestDueAt('2026-11-29', example, TZ)).toEqual(local('08:00', '2026-11-30'));
    expect(digestRunTime(local('12:00', '2026-11-30'), example, TZ)).toBe('08:00');
    // At 07:30 the night shift still works: the last digest due is the 28th's.
    expect(dueDigestDay(local('07:30', '2026-11-30'), example, TZ)).toBe('2026-11-28');
    expect(dueDigestDay(local('08:00', '2026-11-30'), example, TZ)).toBe('2026-11-29');
    // A later digest.time wins; a factory with a day shift only keeps 07:30.
    const late = withConfig({ digest: { ...example.digest, time: '09:15' } });
    expect(digestDueAt('2026-11-29', late, TZ)).toEqual(local('09:15', '2026-11-30'));
    expect(digestDueAt('2026-11-29', dayShiftOnly, TZ)).toEqual(local('07:30', '2026-11-30'));
    expect(digestRunTime(local('12:00', '2026-11-30'), dayShiftOnly, TZ)).toBe('07:30');
  });
});

describe('日报 on the production day', () => {
  let app: TestApp;
  const markdownOf = (replies: OutboundContent[]) =>
    replies.map((r) => (r.kind === 'markdown' ? r.text : r.kind === 'text' ? r.text : `[${r.kind}]`));
  const ask = async (at: Date, text: string) => {
    app.clock.set(at);
    return new ConsoleSession(app.chat.engine, app.clock, 'lijianguo').say(text);
  };

  beforeAll(async () => {
    app = await startTestApp({ features, factory: castYaml, env: { FACTORY_TZ: TZ } });
    await app.orm.em.fork().transactional((tx) => buildDay(tx, app));
  });
  afterAll(async () => {
    await app.stop();
  });

  it('日报 今天 gives the day so far, per operation, and says the day shift is still working', async () => {
    const replies = await ask(local('12:00'), '日报 今天');
    expect(replies.map((r) => r.kind)).toEqual(['markdown', 'image']);
    expect(markdownOf(replies)[0]).toBe(
      [
        '### 示例五金厂 · 2026-11-23 生产日报',
        '统计时段：11-23 08:00 至 11-24 08:00，截至 12:00（白班仍在进行，数字未完）。',
        '**报工 2 次**：各工序合格 110 件，报废 3 件，报废率 2.6%；末道工序完工 50 件。',
        '',
        '**工单进度**（各工序合格件数；完工 = 末道工序）',
        '- WO-A 轴：10 车削 60 件（报废 2） · 20 磨削 50 件（报废 1）；完工 50，累计 50/100（50.0%）',
        '',
        '**领料**',
        '- 圆钢（R1）：12.5 kg',
        '',
        '**设备**',
        '- M1 车床：运行 3.0 小时',
        '',
        '**交期风险**',
        '- 🔴 已逾期 WO-B 轴，交期 2026-11-20，完成 90.0%；预计 11-23 12:00 完工（已过交期 3 天，尚未完工）',
        '- 🟡 临近交期 WO-A 轴，交期 2026-11-25，完成 58.0%',
        '',
        '**未关闭异常**',
        '- E1 缺料 WO-A：圆钢缺料（已 3 小时）',
      ].join('\n'),
    );
  });

  it('at 02:00 the night shift’s reports count in the 23rd, which is not finished yet', async () => {
    const [text] = markdownOf(await ask(local('02:00', '2026-11-24'), '日报 今天'));
    expect(text).toContain('统计时段：11-23 08:00 至 11-24 08:00，截至 02:00（夜班仍在进行，数字未完）。');
    // The 01:00 report of 5 pieces on 磨削 is in; the reversing report takes 10 off 车削.
    expect(text).toContain('**报工 4 次**：各工序合格 123 件，报废 4 件，报废率 3.1%；末道工序完工 73 件。');
    expect(text).toContain(
      '- WO-A 轴：10 车削 50 件（报废 2） · 20 磨削 55 件（报废 1）；完工 55，累计 55/100（55.0%）',
    );
    const [named] = markdownOf(await ask(local('07:30', '2026-11-24'), '日报 11-23'));
    expect(named).toContain('截至 07:30（夜班仍在进行，数字未完）');
  });

  it('日报 alone is the last production day that has ended, complete', async () => {
    const [early] = markdownOf(await ask(local('07:30', '2026-11-24'), '日报'));
    expect(early?.split('\n').slice(0, 3)).toEqual([
      '### 示例五金厂 · 2026-11-22 生产日报',
      '统计时段：11-22 08:00 至 11-23 08:00。',
      '**报工 1 次**：各工序合格 20 件，报废 0 件，报废率 0.0%；末道工序完工 0 件。',
    ]);
    const [after] = markdownOf(await ask(local('08:30', '2026-11-24'), '日报'));
    expect(after?.split('\n').slice(0, 3)).toEqual([
      '### 示例五金厂 · 2026-11-23 生产日报',
      '统计时段：11-23 08:00 至 11-24 08:00。',
      '**报工 4 次**：各工序合格 123 件，报废 4 件，报废率 3.1%；末道工序完工 73 件。',
    ]);
  });

  it('reads 昨天 as the production day before the one running, and refuses a day to come or several days', async () => {
    const [yesterday] = markdownOf(await ask(local('08:30', '2026-11-24'), '日报 昨天'));
    expect(yesterday?.split('\n')[0]).toBe('### 示例五金厂 · 2026-11-23 生产日报');
    // At 02:00 the night shift still works in the 23rd: the day before it is the 22nd.
    const [night] = markdownOf(await ask(local('02:00', '2026-11-24'), '日报 昨天'));
    expect(night?.split('\n')[0]).toBe('### 示例五金厂 · 2026-11-22 生产日报');
    for (const day of ['11-25', '明天'])
      expect(markdownOf(await ask(local('08:30', '2026-11-24'), `日报 ${day}`))).toEqual([
        '2026-11-25 还没到，没有日报。「日报 今天」看今天到此刻。',
      ]);
    expect(markdownOf(await ask(local('08:30', '2026-11-24'), '日报 上周'))).toEqual([
      '日报一次看一天，「上周」是几天。请写一个日期，如「日报 昨天」或「日报 11-23」。',
    ]);
  });

  it('refuses a day it cannot read, in Chinese', async () => {
    expect(markdownOf(await ask(local('08:30', '2026-11-24'), '日报 前天吧'))).toEqual([
      '「前天吧」不是有效的日期，请写成 今天、昨天、2026-11-23 或 11-23。',
    ]);
  });

  it('in the console, the chart is saved as a PNG file and its path printed', async () => {
    const replies = await ask(local('08:30', '2026-11-24'), '日报');
    const dir = mkdtempSync(join(tmpdir(), 'digest-chart-'));
    const printed = replies.map((r) => renderAsText(r, { images: imageFiles(dir) }));
    const path = /^图表已保存：(.+\.png)$/.exec(printed[1] ?? '')?.[1];
    expect(path?.startsWith(dir)).toBe(true);
    const png = readFileSync(path ?? '');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
  });

  it('caps daily points per production day: a report at 02:00 counts in the day before', async () => {
    const rule = {
      id: 'report',
      name: '报工',
      trigger: 'work_report' as const,
      condition: undefined,
      points: 1,
      dailyCap: 2,
      weeklyCap: undefined,
    };
    const event = (at: Date) => ({
      key: `cap-test:${at.toISOString()}`,
      personId: 'zhangwei',
      occurredAt: at,
      fields: {},
    });
    const at = [
      local('21:00', '2026-11-25'),
      local('23:00', '2026-11-25'),
      local('02:00', '2026-11-26'),
      local('09:00', '2026-11-26'),
    ];
    const written = await app.orm.em.fork().transactional((tx) =>
      awardEvents(tx, [rule], at.map(event), {
        tz: TZ,
        now: local('10:00', '2026-11-26'),
        config: app.factory,
      }),
    );
    expect(written.map((e) => [e.occurredAt.toISOString(), e.points])).toEqual([
      ['2026-11-25T13:00:00.000Z', 1],
      ['2026-11-25T15:00:00.000Z', 1],
      ['2026-11-26T01:00:00.000Z', 1],
    ]);
  });

  it('the reporting rate takes a week of production days: a 00:00 shift counts in the day before', async () => {
    // Three shifts, the first at 08:00: 夜班 00:00–08:00 belongs to the production day before.
    const threeShifts = withConfig({
      shifts: [
        { name: '早班', start: '08:00', end: '16:00' },
        { name: '中班', start: '16:00', end: '00:00' },
        { name: '夜班', start: '00:00', end: '08:00' },
      ],
    });
    const em = app.orm.em.fork();
    const task = await em.findOneOrFail(OperationTask, { workOrder: { number: 'WO-B' }, sequence: 20 });
    // Sunday 11-29's night shift, after midnight: in the week of 11-23 (Monday to Sunday).
    em.create(WorkReport, {
      task,
      person: 'zhangwei',
      reportedAt: local('02:00', '2026-11-30'),
      good: 0,
      scrap: 1,
      minutes: 60,
      channel: 'console',
    });
    await em.flush();
    const week = weekOf(local('12:00'), TZ);
    const units = await reportingRates(app.orm.em.fork(), week, threeShifts, TZ);
    expect(units.people.get('zhangwei')).toEqual({ worked: 6, onTime: 6, rate: 1 });
  });
});
