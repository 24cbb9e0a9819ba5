import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOf } from '../../src/app-services.js';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import { Equipment } from '../../src/equipment/equipment.entity.js';
import { reportRepair } from '../../src/equipment/repairs/repair-service.js';
import { features } from '../../src/features.js';
import { personById } from '../../src/people/directory.js';
import { capacityLoad, ordersAtRisk } from '../../src/planning/load-service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { buildWeek, local, NOW, TZ, weekYaml } from './known-week.js';

/** The 14 days from Monday 30 November; `capacity` and `demand` by day (480 and 0 unless given). */
const days = (capacity: Record<string, number>, demand: Record<string, number>) =>
  Array.from({ length: 14 }, (_, i) => {
    const day = new Date(Date.UTC(2026, 10, 30 + i)).toISOString().slice(0, 10);
    return { day, capacity: capacity[day] ?? 480, demand: demand[day] ?? 0 };
  });
const endOf = (day: string) => new Date(local(day, '00:00').getTime() + 86_400_000 - 1);

/**
 * The week of known-week.ts (WO-A: 480 min turning left + 330 milling; WO-B 540 + 270; WO-C 120
 * milling) under a calendar: Monday to Friday, Tuesday 1 December a holiday, Saturday 5 December
 * worked (调休), and the mill planned down Thursday 08:00–12:00.
 */
describe('the load over the factory calendar, with a planned maintenance window', () => {
  let app: TestApp;
  const yaml = `${weekYaml}
planning:
  calendar:
    workingWeekdays: [monday, tuesday, wednesday, thursday, friday]
    holidays: ['2026-12-01']
    extraWorkdays: ['2026-12-05']
  maintenanceWindows:
    - { equipment: MIL-01, from: '2026-12-03 08:00', to: '2026-12-03 12:00', reason: 年度保养 }
`;
  beforeAll(async () => {
    app = await startTestApp({ features, factory: yaml, env: { FACTORY_TZ: TZ } });
    await app.orm.em.fork().transactional((tx) => buildWeek(tx, app));
  });
  afterAll(() => app.stop());

  it('skips the days off and the window, as worked out by hand', async () => {
    const load = await capacityLoad(app.orm.em.fork(), app.factory, TZ, NOW);
    const off = { '2026-12-01': 0, '2026-12-06': 0, '2026-12-12': 0, '2026-12-13': 0 };
    expect(load.resources.map((r) => [r.code, r.days])).toEqual([
      // WO-A 480 and WO-B 480 on Monday; WO-B's last 60 on Wednesday, the holiday skipped.
      ['CNC-01', days(off, { '2026-11-30': 960, '2026-12-02': 60 })],
      ['GRD-01', days(off, {})],
      // WO-C 120 Monday; WO-A 330 (Wed 08:00–13:30) and WO-B 270 (Wed 09:00–13:30) Wednesday.
      // Thursday keeps 12:00–16:00 of the mill.
      ['MIL-01', days({ ...off, '2026-12-03': 240 }, { '2026-11-30': 120, '2026-12-02': 600 })],
    ]);
    expect(load.orders.map((o) => [o.orderNumber, o.projectedFinishAt, o.reason])).toEqual([
      // Turned Monday, milled Wednesday 08:00–13:30 (Tuesday is a holiday): on time for 2 December.
      ['WO-A', local('2026-12-02', '13:30'), null],
      // Waits 8 h for the lathe, turns Wednesday and Thursday 08:00–09:00; the mill is down until
      // 12:00 Thursday, so milling runs 12:00–16:00 and Friday 08:00–08:30: the window cost it
      // 19 h (against finishing Thursday 13:30), more than the wait, so the window is the reason.
      ['WO-B', local('2026-12-04', '08:30'), 'MIL-01 计划停机（年度保养），预计 12-03 12:00 恢复'],
      // The mill is free Friday 08:30: 120 minutes.
      ['WO-C', local('2026-12-04', '10:30'), null],
    ]);
    expect(load.orders.map((o) => o.dueAt)).toEqual([
      endOf('2026-12-02'),
      endOf('2026-12-01'),
      endOf('2026-12-07'),
    ]);
  });

  it('lays the load over planning.horizonDays', async () => {
    const config = { ...app.factory, planning: { ...app.factory.planning, horizonDays: 3 } };
    const load = await capacityLoad(app.orm.em.fork(), config, TZ, NOW);
    expect(load.days).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(load.resources[0]!.days).toEqual(
      days({ '2026-12-01': 0 }, { '2026-11-30': 960, '2026-12-02': 60 }).slice(0, 3),
    );
  });
});

/**
 * The same week, every day worked, with the lathe reported broken at 08:00 Monday. Its repair
 * is expected to take the steps' limits: 30 min to take it (from the report), 30 to start, 48 h
 * to fix, 60 to verify = 50 h, back Wednesday 10:00.
 */
describe('the load with a machine down for repair', () => {
  let app: TestApp;
  const yaml = `${weekYaml}
repairs: { acceptMinutes: 30, startMinutes: 30, repairMinutes: 2880, verifyMinutes: 60 }
`;
  beforeAll(async () => {
    app = await startTestApp({ features, factory: yaml, env: { FACTORY_TZ: TZ } });
    await app.orm.em.fork().transactional(async (em) => {
      await buildWeek(em, app);
      const deps = { ...unitOf(app.services, em), config: app.factory, tz: TZ };
      const reporter = {
        person: (await personById(em, 'zhangwei'))!,
        channel: 'console',
        inboundEventId: null,
        at: NOW,
      } as const;
      await reportRepair(deps, reporter, await em.findOneOrFail(Equipment, 'CNC-01'), '主轴异响');
      await em.flush();
    });
  });
  afterAll(() => app.stop());

  it('takes the lathe out until it is expected back, and names the repair as the reason', async () => {
    const load = await capacityLoad(app.orm.em.fork(), app.factory, TZ, NOW);
    expect(load.resources.map((r) => [r.code, r.days])).toEqual([
      // No lathe Monday and Tuesday, Wednesday from 10:00. Each order turns from Wednesday 10:00
      // as if alone: WO-A 360 + 120, WO-B 360 + 180.
      [
        'CNC-01',
        days(
          { '2026-11-30': 0, '2026-12-01': 0, '2026-12-02': 360 },
          { '2026-12-02': 720, '2026-12-03': 300 },
        ),
      ],
      ['GRD-01', days({}, {})],
      // WO-C Monday; WO-A mills Thursday 10:00–15:30, WO-B 11:00–15:30.
      ['MIL-01', days({}, { '2026-11-30': 120, '2026-12-03': 600 })],
    ]);
    expect(load.orders.map((o) => [o.orderNumber, o.projectedFinishAt, o.reason])).toEqual([
      // Turns Wednesday 10:00 – Thursday 10:00, mills to 15:30: late for 2 December, by the repair.
      ['WO-A', local('2026-12-03', '15:30'), 'CNC-01 维修中，预计 12-02 10:00 恢复'],
      // Waits for WO-A on the lathe until Thursday 10:00, turns to Friday 11:00, mills to 15:30;
      // the lathe's worst day while it waited is Wednesday: 720 minutes of work in its 360.
      ['WO-B', local('2026-12-04', '15:30'), 'CNC-01 超负荷 12-02 200%'],
      // The mill is free Friday 15:30: 30 minutes that day, 90 on Saturday.
      ['WO-C', local('2026-12-05', '09:30'), null],
    ]);
    expect((await ordersAtRisk(app.orm.em.fork(), app.factory, NOW, TZ)).map((o) => o.orderNumber)).toEqual([
      // Soonest due first: WO-B is due a day before WO-A.
      'WO-B',
      'WO-A',
    ]);
  });

  it('says in 负荷 that the lathe has too little time on Wednesday', async () => {
    app.clock.set(NOW);
    const replies = await new ConsoleSession(app.chat.engine, app.clock, 'liuyang').say('负荷');
    expect(replies[0]?.kind === 'text' ? replies[0].text.split('\n').slice(0, 4) : []).toEqual([
      '未来 14 天设备负荷（11-30 至 12-13）',
      '超负荷（需求 > 班次产能）：',
      '- CNC-01 数控车床：12-02 200%（720/360 分钟）',
      '- MIL-01 铣床：12-03 125%（600/480 分钟）',
    ]);
  }, 90_000);
});
