import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { unitOf } from '../../src/app-services.js';
import type { DigestSection } from '../../src/digest/events.js';
import { features } from '../../src/features.js';
import { kitting } from '../../src/planning/kitting-service.js';
import { capacityLoad, ordersAtRisk } from '../../src/planning/load-service.js';
import { loadRows } from '../../src/planning/load-view.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { buildWeek, local, NOW, TZ, weekYaml } from './known-week.js';

const DAYS = Array.from({ length: 14 }, (_, i) => {
  const d = new Date(Date.UTC(2026, 10, 30 + i));
  return d.toISOString().slice(0, 10);
});
/** 480 minutes of capacity every day; `demand` by day, 0 elsewhere. */
const days = (demand: Record<string, number>, capacity = 480) =>
  DAYS.map((day) => ({ day, capacity, demand: demand[day] ?? 0 }));

describe('capacity load and kitting of a hand-built week', () => {
  let app: TestApp;
  const texts = (replies: OutboundContent[]) =>
    replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));

  beforeAll(async () => {
    app = await startTestApp({ features, factory: weekYaml, env: { FACTORY_TZ: TZ } });
    await app.orm.em.fork().transactional((tx) => buildWeek(tx, app));
  });
  afterAll(() => app.stop());

  it('loads each machine per day as worked out by hand', async () => {
    const load = await capacityLoad(app.orm.em.fork(), app.factory, TZ, NOW);
    expect(load.days).toEqual(DAYS);
    expect(load.resources).toEqual([
      // WO-A's 240 left × 2 min (set up already) on Monday; WO-B's 240 × 2 + 60 = 540: 480 Monday, 60 Tuesday.
      {
        code: 'CNC-01',
        name: '数控车床',
        teamId: 'cnc',
        days: days({ '2026-11-30': 960, '2026-12-01': 60 }),
      },
      { code: 'GRD-01', name: '磨床', teamId: null, days: days({}) },
      // WO-C 100 + 20 on Monday; WO-A 300 + 30 and WO-B 240 + 30 on Tuesday, after their turning.
      { code: 'MIL-01', name: '铣床', teamId: 'cnc', days: days({ '2026-11-30': 120, '2026-12-01': 600 }) },
    ]);
    expect(loadRows(load, 'team', app.factory)).toEqual([
      { label: '数控组', days: days({ '2026-11-30': 1080, '2026-12-01': 660 }, 960) },
      { label: '未分班组', days: days({}) },
    ]);
    // The orders take the machines in turn: WO-A (priority 1) first, then by due date.
    expect(load.orders).toEqual([
      // Turned Monday, milled Tuesday 08:00–13:30.
      {
        orderNumber: 'WO-A',
        itemCode: 'SHAFT',
        dueAt: new Date(local('2026-12-03', '00:00').getTime() - 1),
        projectedFinishAt: local('2026-12-01', '13:30'),
        reason: null,
      },
      // Waits for CNC-01 all Monday, turns Tuesday and Wednesday 08:00–09:00, mills to 13:30.
      {
        orderNumber: 'WO-B',
        itemCode: 'SHAFT',
        dueAt: new Date(local('2026-12-02', '00:00').getTime() - 1),
        projectedFinishAt: local('2026-12-02', '13:30'),
        reason: 'CNC-01 超负荷 11-30 200%',
      },
      // MIL-01 is free after WO-B on Wednesday 13:30.
      {
        orderNumber: 'WO-C',
        itemCode: 'PLATE',
        dueAt: new Date(local('2026-12-08', '00:00').getTime() - 1),
        projectedFinishAt: local('2026-12-02', '15:30'),
        reason: null,
      },
    ]);
  });

  it('flags the order the over-full lathe makes late, with that reason', async () => {
    expect(await ordersAtRisk(app.orm.em.fork(), app.factory, NOW, TZ)).toEqual([
      {
        orderNumber: 'WO-B',
        itemCode: 'SHAFT',
        dueAt: new Date(local('2026-12-02', '00:00').getTime() - 1),
        projectedFinishAt: local('2026-12-02', '13:30'),
        reason: 'CNC-01 超负荷 11-30 200%',
      },
    ]);
    // A week later with nothing done: WO-A waits for nobody, its own 810 minutes end Tuesday;
    // WO-B waits for the lathe again; WO-C waits for the mill until Wednesday 13:30, over the
    // Tuesday WO-A and WO-B put 600 minutes on it. WO-B, due a day before WO-A, is listed first.
    const later = await ordersAtRisk(app.orm.em.fork(), app.factory, local('2026-12-07', '08:00'), TZ);
    expect(later.map((o) => [o.orderNumber, o.projectedFinishAt, o.reason])).toEqual([
      ['WO-B', local('2026-12-09', '13:30'), 'CNC-01 超负荷 12-07 200%'],
      ['WO-A', local('2026-12-08', '13:30'), '已过交期 5 天，剩余约 14 小时工时'],
      ['WO-C', local('2026-12-09', '15:30'), 'MIL-01 超负荷 12-08 125%'],
    ]);
    // Due tonight, waiting for nobody, with a day and a half of its own work: it cannot fit.
    const tight = await ordersAtRisk(app.orm.em.fork(), app.factory, local('2026-12-02', '12:00'), TZ);
    expect(tight.find((o) => o.orderNumber === 'WO-A')?.reason).toBe('剩余约 14 小时工时，交期前做不完');
  });

  it('lists exactly the shortages, earlier due dates served first', async () => {
    const k = await kitting(app.orm.em.fork());
    expect(k.orders).toEqual([
      // 360 kg of 700 on hand, 480 keys of 700.
      {
        orderNumber: 'WO-B',
        itemCode: 'SHAFT',
        dueDate: '2026-12-01',
        status: 'released',
        hasBom: true,
        shortages: [],
      },
      // 450 kg less the 100 issued = 350 against the 340 left; 600 keys against 220.
      {
        orderNumber: 'WO-A',
        itemCode: 'SHAFT',
        dueDate: '2026-12-02',
        status: 'in_progress',
        hasBom: true,
        shortages: [
          { component: 'KEY', componentName: '平键', unit: '件', required: 600, available: 220, short: 380 },
          { component: 'STEEL', componentName: '圆钢', unit: 'kg', required: 350, available: 340, short: 10 },
        ],
      },
      {
        orderNumber: 'WO-D',
        itemCode: 'SHAFT',
        dueDate: '2026-12-03',
        status: 'planned',
        hasBom: true,
        shortages: [
          { component: 'KEY', componentName: '平键', unit: '件', required: 100, available: 0, short: 100 },
          { component: 'STEEL', componentName: '圆钢', unit: 'kg', required: 75, available: 0, short: 75 },
        ],
      },
      {
        orderNumber: 'WO-F',
        itemCode: 'BRKT',
        dueDate: '2026-12-04',
        status: 'planned',
        hasBom: false,
        shortages: [],
      },
      // 50 kg of the 60 of aluminium nobody else needs.
      {
        orderNumber: 'WO-C',
        itemCode: 'PLATE',
        dueDate: '2026-12-07',
        status: 'released',
        hasBom: true,
        shortages: [],
      },
    ]);
    expect({ kitted: k.kitted, checked: k.checked, rate: k.rate }).toEqual({
      kitted: 2,
      checked: 4,
      rate: 0.5,
    });
  });

  it('adds the orders at risk and the overdue outsourcing to the morning digest', async () => {
    app.clock.set(NOW);
    const say = (who: string, text: string) => new ConsoleSession(app.chat.engine, app.clock, who).say(text);
    const digest = (await say('lijianguo', '日报')).find((r) => r.kind === 'markdown');
    const text = digest?.kind === 'markdown' ? digest.text : '';
    // WO-B is near its due date, so the digest lists it itself: the load adds the projected
    // finish to that line instead of a second list naming it again.
    expect(text.split('\n').slice(-6)).toEqual([
      '**交期风险**',
      '- 🟡 临近交期 WO-B 传动轴，交期 2026-12-01，完成 0.0%；预计 12-02 13:30 完工（CNC-01 超负荷 11-30 200%）',
      '- 🟡 临近交期 WO-A 传动轴，交期 2026-12-02，完成 0.0%',
      '',
      '**外发逾期 1 单**',
      '- OS-1 华美电镀·电镀 传动轴（SHAFT）：应于 11-29 14:00 回厂，已逾期 18 小时，还有 80 件未回',
    ]);
  }, 90_000);

  it('lists an order late by the load under 预计延期 when the digest does not list it already', async () => {
    app.clock.set(NOW);
    const sections: DigestSection[] = [];
    const notes: string[] = [];
    const [start, end] = [local('2026-11-29', '08:00'), local('2026-11-30', '08:00')];
    await app.orm.em.fork().transactional((em) =>
      app.services.events.publish(unitOf(app.services, em), 'digest.composing', {
        day: '2026-11-29',
        start,
        end,
        listedAtRisk: new Set(['WO-A']),
        add: (s) => sections.push(s),
        noteOnRisk: (number, note) => notes.push(`${number} ${note}`),
      }),
    );
    expect(notes).toEqual([]);
    expect(sections.find((s) => s.title === '预计延期（按设备负荷）')?.lines).toEqual([
      '- WO-B 交期 12-01，预计 12-02 13:30 完工：CNC-01 超负荷 11-30 200%',
    ]);
  });

  it('answers 负荷 and 齐套 in chat, with the load chart, to planners only', async () => {
    app.clock.set(NOW);
    const say = (who: string, text: string) => new ConsoleSession(app.chat.engine, app.clock, who).say(text);
    expect(texts(await say('liuyang', '负荷'))).toEqual([
      [
        '未来 14 天设备负荷（11-30 至 12-13）',
        '超负荷（需求 > 班次产能）：',
        '- CNC-01 数控车床：11-30 200%（960/480 分钟）',
        '- MIL-01 铣床：12-01 125%（600/480 分钟）',
        '交期风险 1 单：',
        '- WO-B 交期 12-01，预计 12-02 13:30 完工：CNC-01 超负荷 11-30 200%',
      ].join('\n'),
      '<image>',
    ]);
    expect(texts(await say('lijianguo', '负荷 班组'))[0]).toEqual(
      [
        '未来 14 天班组负荷（11-30 至 12-13）',
        '超负荷（需求 > 班次产能）：',
        '- 数控组：11-30 113%（1080/960 分钟）',
        '交期风险 1 单：',
        '- WO-B 交期 12-01，预计 12-02 13:30 完工：CNC-01 超负荷 11-30 200%',
      ].join('\n'),
    );
    expect(texts(await say('liuyang', '负荷 仓库'))).toEqual([
      '「仓库」看不懂，请写「负荷 设备」或「负荷 班组」。',
    ]);
    expect(texts(await say('liuyang', '齐套'))).toEqual([
      [
        '齐套率 50.0%（2/4 单），按交期先后占用库存',
        '✅ 可开工 2 单：WO-B（交期 12-01）、WO-C（交期 12-07）',
        '❌ 缺料 2 单：',
        '- WO-A（交期 12-02）：平键（KEY）缺 380件（需 600，可用 220）；圆钢（STEEL）缺 10kg（需 350，可用 340）',
        '- WO-D（交期 12-03）：平键（KEY）缺 100件（需 100，可用 0）；圆钢（STEEL）缺 75kg（需 75，可用 0）',
        '⚪ 无物料清单 1 单：WO-F',
      ].join('\n'),
    ]);
    const refused = texts(await say('zhangwei', '齐套'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).not.toMatch(/齐套率/);
    const kpi = texts(await say('lijianguo', 'KPI'))[0]!;
    expect(kpi.split('\n').at(-1)).toBe('齐套率：50.0%（2/4 单）');
  }, 90_000);
});
