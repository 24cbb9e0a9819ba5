import { unitOf } from '../../src/app-services.js';
import type { Services } from '../../src/services.js';
import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../../src/chat/audit/actor.js';
import { Equipment } from '../../src/equipment/equipment.entity.js';
import { issueMaterial } from '../../src/materials/issue-service.js';
import { MaterialLot } from '../../src/materials/material-lot.entity.js';
import { personById } from '../../src/people/directory.js';
import { undoLastReport } from '../../src/workorders/correction-service.js';
import { dispatchTask } from '../../src/workorders/dispatch-service.js';
import { closeException, raiseException } from '../../src/workorders/exception-service.js';
import { Item } from '../../src/workorders/item.entity.js';
import { reportTask, startTask } from '../../src/workorders/reporting-service.js';
import { RoutingStep } from '../../src/workorders/routing-step.entity.js';
import { loadOrder } from '../../src/workorders/task-lookup.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { createWorkOrder, releaseWorkOrder } from '../../src/workorders/work-order-service.js';
import type { TestApp } from '../support/test-app.js';

export const TZ = 'Asia/Shanghai';
/** Shanghai wall-clock time on the digest's day, 2026-11-23, or another day. */
export const local = (hhmm: string, day = '2026-11-23') => new Date(`${day}T${hhmm}:00+08:00`);

/** The services of one unit of work on the known shop, and how its people act in it. */
function shopIn(em: EntityManager, app: TestApp) {
  const deps: Services = { ...unitOf(app.services, em), config: app.factory, tz: TZ };
  const actor = async (id: string, at: Date): Promise<Actor> => ({
    person: (await personById(em, id))!,
    channel: 'console',
    inboundEventId: null,
    at,
  });
  /** 王芳 dispatches an operation to 张伟 on a machine, he starts it and reports it at those times. */
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
  return { deps, actor, step };
}

/** One day of a small shop, built through the real services at known times. */
export async function buildDay(em: EntityManager, app: TestApp): Promise<{ materialException: number }> {
  const { deps, actor, step } = shopIn(em, app);
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
    await releaseWorkOrder(deps, planner, order);
  }
  await step('WO-B', 10, 'M1', local('09:00', '2026-11-22'), [[local('11:00', '2026-11-22'), 20, 0]]);
  await step('WO-A', 10, 'M1', local('08:00'), [[local('10:00'), 60, 2]]);
  await step('WO-A', 20, 'M1', local('10:30'), [
    [local('11:30'), 50, 1],
    [local('01:00', '2026-11-24'), 5, 0], // the night shift: still the 23rd's production day
    [local('09:00', '2026-11-24'), 3, 0], // the next production day: only in today's risk
  ]);
  await step('WO-B', 20, 'M2', local('13:00'), [[local('15:00'), 18, 1]]);

  // A correction (撤销/更正) is a report with negative quantities that reverses an earlier one.
  const turned = await em.findOneOrFail(WorkReport, {
    task: { workOrder: { number: 'WO-A' }, sequence: 10 },
  });
  em.create(WorkReport, {
    ...turned,
    id: undefined,
    reportedAt: local('16:00'),
    good: -10,
    scrap: 0,
    minutes: 0,
    reverses: turned,
  });
  await em.flush();

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
  await closeException(deps, await actor('wangfang', local('15:30')), breakdown);
  return { materialException: material.id };
}

/**
 * The 25th, after {@link buildDay}: both operations of WO-C run on 磨床 M2 from 08:00 and are
 * reported at 10:00; a third report at 12:00 is taken back by 撤销 at 12:05. M2 ran two hours.
 */
export async function buildTwoJobsOnOneMachine(em: EntityManager, app: TestApp): Promise<void> {
  const { deps, actor, step } = shopIn(em, app);
  const day = '2026-11-25';
  const planner = await actor('lijianguo', local('07:00', day));
  const order = await createWorkOrder(
    deps,
    planner,
    { itemCode: 'P1', quantity: 100, dueDate: '2026-12-31', number: 'WO-C' },
    TZ,
  );
  await releaseWorkOrder(deps, planner, order);
  await step('WO-C', 10, 'M2', local('08:00', day), [
    [local('10:00', day), 30, 0],
    [local('12:00', day), 10, 0],
  ]);
  await em.flush();
  await undoLastReport(deps, await actor('zhangwei', local('12:05', day)));
  await step('WO-C', 20, 'M2', local('08:00', day), [[local('10:00', day), 20, 0]]);
  await em.flush();
}
