import type { EntityManager } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/chat/audit/actor.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { buildDailyFigures } from '../../src/digest/daily-figures.js';
import { digestChartPng } from '../../src/digest/digest-chart.js';
import { sendMorningDigest } from '../../src/digest/digest-service.js';
import { digestMarkdown } from '../../src/digest/messages.js';
import { Equipment } from '../../src/equipment/equipment.entity.js';
import { issueMaterial } from '../../src/materials/issue-service.js';
import { MaterialLot } from '../../src/materials/material-lot.entity.js';
import { personById } from '../../src/people/directory.js';
import { dispatchTask } from '../../src/workorders/dispatch-service.js';
import { closeException, raiseException } from '../../src/workorders/exception-service.js';
import { Item } from '../../src/workorders/item.entity.js';
import { reportTask, startTask } from '../../src/workorders/reporting-service.js';
import { RoutingStep } from '../../src/workorders/routing-step.entity.js';
import type { ShopfloorDeps } from '../../src/workorders/shopfloor-deps.js';
import { loadOrder } from '../../src/workorders/task-lookup.js';
import { createWorkOrder, releaseWorkOrder } from '../../src/workorders/work-order-service.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TZ = 'Asia/Shanghai';
/** Shanghai wall-clock time on the digest's day, 2026-11-23, or another day. */
const local = (hhmm: string, day = '2026-11-23') => new Date(`${day}T${hhmm}:00+08:00`);

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
      tz: TZ,
      riskDays: 3,
      now: local('07:30', '2026-11-24'),
    });
    expect(figures).toEqual({
      day: '2026-11-23',
      orders: [
        {
          number: 'WO-A',
          itemName: '轴',
          quantity: 100,
          finished: 50,
          scrap: 3,
          finishedTotal: 50,
          progress: 0.5,
        },
        {
          number: 'WO-B',
          itemName: '轴',
          quantity: 20,
          finished: 18,
          scrap: 1,
          finishedTotal: 18,
          progress: 0.9,
        },
      ],
      totals: { reports: 3, corrections: 0, good: 128, scrap: 4, scrapRate: 0.0303, finished: 68 },
      materials: [{ itemCode: 'R1', itemName: '圆钢', unit: 'kg', quantity: 12.5 }],
      equipment: [
        { code: 'M1', name: '车床', runMinutes: 180, downMinutes: 90 },
        { code: 'M2', name: '磨床', runMinutes: 120, downMinutes: 0 },
      ],
      atRisk: [
        { number: 'WO-B', itemName: '轴', dueDate: '2026-11-20', progress: 0.9, overdue: true },
        { number: 'WO-A', itemName: '轴', dueDate: '2026-11-25', progress: 0.55, overdue: false },
      ],
      openExceptions: [
        {
          id: ids.materialException,
          kind: 'material',
          number: 'WO-A',
          reason: '圆钢缺料',
          ageHours: 22,
          status: 'raised',
        },
      ],
    });
  });

  it('reads as one message with a chart', async () => {
    const figures = await buildDailyFigures(app.orm.em.fork(), '2026-11-23', {
      tz: TZ,
      riskDays: 3,
      now: local('07:30', '2026-11-24'),
    });
    const { text } = digestMarkdown(figures, '示例五金厂');
    expect(text).toContain('**报工 3 次**：合格 128 件，报废 4 件，报废率 3.0%；完工入库 68 件。');
    expect(text).toContain('- WO-A 轴：完工 50，报废 3，累计 50/100（50.0%）');
    expect(text).toContain('- M1 车床：运行 3.0 小时，故障停机 1.5 小时');
    expect(text).toContain('- 🔴 已逾期 WO-B 轴，交期 2026-11-20，完成 90.0%');
    expect(text).toContain(`- E${ids.materialException} 缺料 WO-A：圆钢缺料（已 22 小时）`);
    const png = digestChartPng(figures);
    expect(png?.subarray(1, 4).toString()).toBe('PNG');
    expect(png?.length).toBeGreaterThan(5_000);
  });

  it('says so on a day with nothing in it', async () => {
    const figures = await buildDailyFigures(app.orm.em.fork(), '2026-11-10', {
      tz: TZ,
      riskDays: 0,
      now: local('07:30', '2026-11-11'),
    });
    const quiet = { ...figures, openExceptions: [] };
    expect(digestMarkdown(quiet, '示例五金厂').text).toBe(
      '### 示例五金厂 · 2026-11-10 生产日报\n2026-11-10 没有报工、领料或异常记录。',
    );
    expect(digestChartPng(quiet)).toBeUndefined();
  });

  it('is put into the outbox once per supervisor, however often it is asked for', async () => {
    const deps = {
      em: app.orm.em.fork(),
      outbox: app.chat.outbox,
      config: app.factory,
      tz: TZ,
      now: local('07:30', '2026-11-24'),
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

/** One day of a small shop, built through the real services at known times. */
async function buildDay(em: EntityManager, app: TestApp): Promise<{ materialException: number }> {
  const config = app.factory;
  const deps: ShopfloorDeps = { em, clock: app.clock, outbox: app.chat.outbox, config, tz: TZ };
  const actor = async (id: string, at: Date): Promise<Actor> => ({
    person: (await personById(em, id))!,
    channel: 'console',
    inboundEventId: null,
    at,
  });
  em.create(Equipment, { code: 'M1', name: '车床', type: 'lathe' });
  em.create(Equipment, { code: 'M2', name: '磨床', type: 'grinder' });
  em.create(Item, { code: 'R1', name: '圆钢', unit: 'kg', kind: 'raw' });
  const item = em.create(Item, { code: 'P1', name: '轴' });
  em.create(RoutingStep, { item, sequence: 10, name: '车削' });
  em.create(RoutingStep, { item, sequence: 20, name: '磨削' });
  em.create(MaterialLot, {
    lotNumber: 'L1',
    item: 'R1',
    quantity: 100,
    remaining: 100,
    receivedAt: local('07:00', '2026-11-20'),
  });
  await em.flush();

  const planner = await actor('lijianguo', local('07:00', '2026-11-20'));
  for (const [number, quantity, dueDate] of [
    ['WO-A', 100, '2026-11-25'],
    ['WO-B', 20, '2026-11-20'],
  ] as const) {
    const order = await createWorkOrder(deps, planner, { itemCode: 'P1', quantity, dueDate, number }, TZ);
    releaseWorkOrder(deps, planner, order);
  }
  const step = async (
    number: string,
    sequence: number,
    equipment: string,
    start: Date,
    reports: Array<[Date, number, number]>,
  ) => {
    let loaded = await loadOrder(em, number);
    const task = () => loaded.tasks.find((t) => t.sequence === sequence)!;
    await dispatchTask(
      deps,
      await actor('wangfang', start),
      loaded,
      task(),
      { kind: 'person', personId: 'zhangwei' },
      equipment,
    );
    await startTask(deps, await actor('zhangwei', start), loaded, task());
    for (const [at, good, scrap] of reports) {
      loaded = await loadOrder(em, number);
      await reportTask(deps, await actor('zhangwei', at), loaded, task(), good, scrap);
    }
  };
  await step('WO-B', 10, 'M1', local('09:00', '2026-11-22'), [[local('11:00', '2026-11-22'), 20, 0]]);
  await step('WO-A', 10, 'M1', local('08:00'), [[local('10:00'), 60, 2]]);
  await step('WO-A', 20, 'M1', local('10:30'), [
    [local('11:30'), 50, 1],
    [local('01:00', '2026-11-24'), 5, 0], // the next day: not in the day's figures, but in today's risk
  ]);
  await step('WO-B', 20, 'M2', local('13:00'), [[local('15:00'), 18, 1]]);

  const orderA = await loadOrder(em, 'WO-A');
  await issueMaterial(deps, await actor('zhangwei', local('08:05')), orderA, 'L1', 12.5);
  const material = await raiseException(
    deps,
    await actor('zhangwei', local('09:00')),
    orderA,
    undefined,
    '圆钢缺料',
  );
  const breakdown = await raiseException(
    deps,
    await actor('zhangwei', local('14:00')),
    orderA,
    orderA.tasks[1],
    '车床主轴故障',
  );
  closeException(deps, await actor('wangfang', local('15:30')), breakdown);
  return { materialException: material.id };
}
