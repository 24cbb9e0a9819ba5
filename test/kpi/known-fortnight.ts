import type { EntityManager } from '@mikro-orm/core';
import { unitOf } from '../../src/app-services.js';
import type { Actor } from '../../src/chat/audit/actor.js';
import { Equipment } from '../../src/equipment/equipment.entity.js';
import {
  acceptRepair,
  finishRepair,
  reportRepair,
  startRepair,
  verifyRepair,
} from '../../src/equipment/repairs/repair-service.js';
import { createOutsourcingOrder } from '../../src/outsourcing/order-service.js';
import { upsertPartner } from '../../src/outsourcing/partner-service.js';
import { recordReturn } from '../../src/outsourcing/receiving-service.js';
import { personById } from '../../src/people/directory.js';
import type { Services } from '../../src/services.js';
import { correctReport } from '../../src/workorders/correction-service.js';
import { dispatchTask } from '../../src/workorders/dispatch-service.js';
import {
  acknowledgeException,
  closeException,
  raiseException,
} from '../../src/workorders/exception-service.js';
import { Item } from '../../src/workorders/item.entity.js';
import type { ProductionException } from '../../src/workorders/production-exception.entity.js';
import { reportTask, startTask } from '../../src/workorders/reporting-service.js';
import { RoutingStep } from '../../src/workorders/routing-step.entity.js';
import { loadOrder } from '../../src/workorders/task-lookup.js';
import { createWorkOrder, releaseWorkOrder } from '../../src/workorders/work-order-service.js';
import type { TestApp } from '../support/test-app.js';

export const TZ = 'Asia/Shanghai';
/** Shanghai wall-clock time on a day of November 2026. */
export const at = (day: number, hhmm: string) =>
  new Date(`2026-11-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);

/** The cast of the chat tests, with a maintenance technician, and the paper-days baselines. */
export const fortnightYaml = `
teams:
  - { id: cnc, name: 数控组 }
people:
  - { id: lijianguo, name: 李建国, roles: [supervisor], wecom: lijianguo }
  - { id: wangfang, name: 王芳, roles: [team_lead], team: cnc, wecom: wangfang }
  - { id: zhangwei, name: 张伟, roles: [worker], team: cnc, wecom: zhangwei }
  - { id: chenjie, name: 陈杰, roles: [maintenance], wecom: chenjie }
kpi:
  baselines:
    { exceptionResponseHours: 4, repairAcceptHours: 2, onTimeDelivery: 0.76, exceptionClosure: 0.58, outsourcingReturnDays: 6 }
`;

/**
 * Two weeks of a small shop (Mon 16 – Sun 29 November 2026), built through the real services
 * at known times; the figures each week must give are worked out by hand in kpi.test.ts.
 */
export async function buildFortnight(em: EntityManager, app: TestApp): Promise<void> {
  const deps: Services = { ...unitOf(app.services, em), config: app.factory, tz: TZ };
  const actor = async (id: string, when: Date): Promise<Actor> => ({
    person: (await personById(em, id))!,
    channel: 'console',
    inboundEventId: null,
    at: when,
  });
  em.create(Equipment, { code: 'M1', name: '车床', type: 'lathe', team: 'cnc' });
  em.create(Equipment, { code: 'M2', name: '磨床', type: 'grinder' });
  const item = em.create(Item, { code: 'P1', name: '轴' });
  em.create(RoutingStep, { item, sequence: 10, name: '车削', standardMinutes: 30 });
  await em.flush();

  const planner = await actor('lijianguo', at(16, '07:00'));
  for (const [number, dueDate] of [
    ['WO-1', '2026-11-18'],
    ['WO-3', '2026-11-24'],
    ['WO-4', '2026-11-25'],
    ['WO-5', '2026-11-27'],
  ] as const) {
    const order = await createWorkOrder(deps, planner, { itemCode: 'P1', quantity: 10, dueDate, number }, TZ);
    await releaseWorkOrder(deps, planner, order);
  }
  await em.flush();
  const dispatch = async (number: string, equipment: string, when: Date) => {
    const loaded = await loadOrder(em, number);
    const task = loaded.tasks[0]!;
    const target = { kind: 'person', personId: 'zhangwei' } as const;
    await dispatchTask(deps, await actor('wangfang', when), loaded, task, target, equipment);
    await startTask(deps, await actor('zhangwei', when), loaded, task);
    await em.flush();
  };
  const report = async (number: string, when: Date, good: number, scrap = 0) => {
    const loaded = await loadOrder(em, number);
    const outcome = await reportTask(
      deps,
      await actor('zhangwei', when),
      loaded,
      loaded.tasks[0]!,
      good,
      scrap,
    );
    await em.flush();
    return outcome.report.id;
  };
  const raise = async (number: string, onTask: boolean, reason: string, when: Date) => {
    const loaded = await loadOrder(em, number);
    const task = onTask ? loaded.tasks[0] : undefined;
    return raiseException(deps, await actor('zhangwei', when), loaded, task, reason);
  };
  const acknowledge = async (e: ProductionException, when: Date) => {
    acknowledgeException(deps, await actor('wangfang', when), e);
    await em.flush();
  };
  const close = async (e: ProductionException, when: Date) => {
    await closeException(deps, await actor('wangfang', when), e);
    await em.flush();
  };

  // Last week: WO-1 on time; a quality exception closed in 2 h without a separate 处理.
  const e0 = await raise('WO-1', true, '尺寸超差', at(17, '09:00'));
  await close(e0, at(17, '11:00'));
  await dispatch('WO-1', 'M1', at(18, '08:00'));
  await report('WO-1', at(18, '15:00'), 9, 1);
  // WO-5 straddles the weeks: 4 at 23:59 on Sunday, 6 at 00:01 on Monday, which completes it.
  await dispatch('WO-5', 'M1', at(22, '20:00'));
  const sundayNight = await report('WO-5', at(22, '23:59'), 4);
  await report('WO-5', at(23, '00:01'), 6);
  // Corrected on Monday morning to 3 good, 1 scrap: last week's yield changes, not this week's.
  await correctReport(deps, await actor('lijianguo', at(23, '09:00')), `B${sundayNight}`, 3, 1);
  await em.flush();

  // This week: three exceptions — one closed in its 4 h, one past its 8 h, one still open.
  const e1 = await raise('WO-3', true, '缺料', at(23, '09:00'));
  await acknowledge(e1, at(23, '10:00'));
  await close(e1, at(23, '12:00'));
  const e2 = await raise('WO-3', true, '设备故障', at(24, '14:00'));
  await acknowledge(e2, at(24, '17:00'));
  await close(e2, at(25, '00:00'));
  const e3 = await raise('WO-3', false, '图纸看不清', at(26, '08:00'));
  await acknowledge(e3, at(26, '10:00'));

  // WO-3 due on the 24th completes on the 26th: 2 days late. WO-4 completes late on its due day.
  await dispatch('WO-3', 'M1', at(24, '13:00'));
  await report('WO-3', at(24, '14:00'), 5);
  await report('WO-3', at(26, '10:00'), 3, 2);
  await dispatch('WO-4', 'M2', at(25, '20:00'));
  await report('WO-4', at(25, '23:30'), 10);

  // Repairs: M1 taken in 30 min and accepted after 4 h; M2 taken after 1.5 h, still open.
  const m1 = await em.findOneOrFail(Equipment, 'M1');
  const r1 = await reportRepair(deps, await actor('zhangwei', at(27, '08:00')), m1, '主轴异响');
  await acceptRepair(deps, await actor('chenjie', at(27, '08:30')), r1);
  await startRepair(deps, await actor('chenjie', at(27, '09:00')), r1);
  await finishRepair(deps, await actor('chenjie', at(27, '11:00')), r1, '更换轴承');
  await verifyRepair(deps, await actor('zhangwei', at(27, '12:00')), r1, { pass: true });
  await em.flush();
  const m2 = await em.findOneOrFail(Equipment, 'M2');
  const r2 = await reportRepair(deps, await actor('zhangwei', at(27, '10:00')), m2, '砂轮破损');
  await acceptRepair(deps, await actor('chenjie', at(27, '11:30')), r2);
  await em.flush();

  // Plating: one batch back after 7 days last week; this week after 4 and 2 days.
  await upsertPartner(em, { code: 'HM', name: '华美电镀', process: '电镀' }, at(10, '08:00'));
  for (const [number, shipDate, back] of [
    ['OS-0', '2026-11-12', at(19, '16:00')],
    ['OS-1', '2026-11-20', at(24, '10:00')],
    ['OS-2', '2026-11-23', at(25, '23:00')],
  ] as const) {
    const changer = { personId: 'lijianguo', name: '李建国', channel: 'console', partnerSide: false };
    const order = await createOutsourcingOrder(
      deps,
      { ...changer, at: at(Number(shipDate.slice(8)), '09:00') },
      { number, partnerCode: 'HM', productCode: 'P1', quantity: 10, shipDate, expectedReturnAt: back },
    );
    recordReturn(deps, { ...changer, at: back }, order, 10);
    await em.flush();
  }
}
