import type { EntityManager } from '@mikro-orm/core';
import { unitOf } from '../../src/app-services.js';
import type { Actor } from '../../src/chat/audit/actor.js';
import { MaterialIssue } from '../../src/materials/material-issue.entity.js';
import { MaterialLot } from '../../src/materials/material-lot.entity.js';
import { createOutsourcingOrder } from '../../src/outsourcing/order-service.js';
import { upsertPartner } from '../../src/outsourcing/partner-service.js';
import { personById } from '../../src/people/directory.js';
import { replaceBom } from '../../src/planning/bom-service.js';
import type { Services } from '../../src/services.js';
import { dispatchTask } from '../../src/workorders/dispatch-service.js';
import { Item } from '../../src/workorders/item.entity.js';
import { replaceRouting } from '../../src/workorders/master-data-service.js';
import { reportTask, startTask } from '../../src/workorders/reporting-service.js';
import { loadOrder } from '../../src/workorders/task-lookup.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { createWorkOrder, releaseWorkOrder } from '../../src/workorders/work-order-service.js';
import type { TestApp } from '../support/test-app.js';

export const TZ = 'Asia/Shanghai';
/** Shanghai wall-clock time: `local('2026-11-30', '08:00')`. */
export const local = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
/** Monday 30 November 2026, as the day shift starts. */
export const NOW = local('2026-11-30', '08:00');

/** One 8-hour shift a day (480 minutes), a lathe and a mill in the CNC team, a grinder with none. */
export const weekYaml = `
shifts:
  - { name: 白班, start: '08:00', end: '16:00' }
teams:
  - { id: cnc, name: 数控组 }
people:
  - { id: liuyang, name: 刘洋, roles: [planner], wecom: liuyang }
  - { id: lijianguo, name: 李建国, roles: [supervisor], wecom: lijianguo }
  - { id: wangfang, name: 王芳, roles: [team_lead], team: cnc, wecom: wangfang }
  - { id: zhangwei, name: 张伟, roles: [worker], team: cnc, wecom: zhangwei }
equipment:
  - { code: CNC-01, name: 数控车床, type: cnc, team: cnc }
  - { code: MIL-01, name: 铣床, type: mill, team: cnc }
  - { code: GRD-01, name: 磨床, type: grinder }
`;

/**
 * A shop on the Monday morning of a week, built through the real services; what the load and
 * kitting must say about it is worked out by hand in planning.test.ts.
 *
 * Routings: SHAFT 10 车削 on a cnc machine 2 min/piece + 60 min setup, 20 铣键槽 on a mill
 * 1 min/piece + 30 min setup; PLATE 10 铣面 on a mill 1 min/piece + 20 min setup; BRKT 10 折弯
 * on no machine. BOMs: SHAFT 1.5 kg STEEL and 2 KEY; PLATE 0.5 kg ALU; BRKT none.
 *
 * Orders: WO-A 300 SHAFT due 2 Dec, priority 1, released, 60 turned on CNC-01 on Sunday and 100 kg
 * of steel issued to it; WO-B 240 SHAFT due 1 Dec released; WO-C 100 PLATE due 7 Dec released;
 * WO-D 50 SHAFT due 3 Dec and WO-F 20 BRKT due 4 Dec only planned.
 * Stock: STEEL lots L0 (used up), L1 200 of 300 kg left, L2 500 kg; KEY K1 700; ALU A1 60 kg.
 * Outsourcing: OS-1, 80 SHAFT at 华美电镀, expected back Sunday 14:00 and not back; OS-2 due
 * Thursday.
 */
export async function buildWeek(em: EntityManager, app: TestApp): Promise<void> {
  const deps: Services = { ...unitOf(app.services, em), config: app.factory, tz: TZ };
  const actor = async (id: string, at: Date): Promise<Actor> => ({
    person: (await personById(em, id))!,
    channel: 'console',
    inboundEventId: null,
    at,
  });
  const item = (code: string, name: string, unit: string, kind: 'raw' | 'finished') =>
    em.create(Item, { code, name, unit, kind });
  const shaft = item('SHAFT', '传动轴', '件', 'finished');
  const plate = item('PLATE', '端板', '件', 'finished');
  const bracket = item('BRKT', '支架', '件', 'finished');
  const steel = item('STEEL', '圆钢', 'kg', 'raw');
  const key = item('KEY', '平键', '件', 'raw');
  const alu = item('ALU', '铝板', 'kg', 'raw');
  await em.flush();
  await replaceRouting(em, shaft, [
    { sequence: 10, name: '车削', equipmentType: 'cnc', standardMinutes: 2, setupMinutes: 60 },
    { sequence: 20, name: '铣键槽', equipmentType: 'mill', standardMinutes: 1, setupMinutes: 30 },
  ]);
  await replaceRouting(em, plate, [
    { sequence: 10, name: '铣面', equipmentType: 'mill', standardMinutes: 1, setupMinutes: 20 },
  ]);
  await replaceRouting(em, bracket, [{ sequence: 10, name: '折弯', standardMinutes: 1 }]);
  await replaceBom(em, shaft, [
    { component: 'STEEL', quantityPer: 1.5, unit: 'kg' },
    { component: 'KEY', quantityPer: 2 },
  ]);
  await replaceBom(em, plate, [{ component: 'ALU', quantityPer: 0.5 }]);

  const planner = await actor('liuyang', local('2026-11-27', '09:00'));
  const orders: Array<[string, string, number, string, number, boolean]> = [
    ['WO-A', 'SHAFT', 300, '2026-12-02', 1, true],
    ['WO-B', 'SHAFT', 240, '2026-12-01', 3, true],
    ['WO-C', 'PLATE', 100, '2026-12-07', 3, true],
    ['WO-D', 'SHAFT', 50, '2026-12-03', 3, false],
    ['WO-F', 'BRKT', 20, '2026-12-04', 3, false],
  ];
  for (const [number, itemCode, quantity, dueDate, priority, release] of orders) {
    const order = await createWorkOrder(deps, planner, { itemCode, quantity, dueDate, priority, number }, TZ);
    if (release) await releaseWorkOrder(deps, planner, order);
  }
  await em.flush();

  const sunday = local('2026-11-29', '09:00');
  const a = await loadOrder(em, 'WO-A');
  const turning = a.tasks[0]!;
  const target = { kind: 'person', personId: 'zhangwei' } as const;
  await dispatchTask(deps, await actor('wangfang', sunday), a, turning, target, 'CNC-01');
  await startTask(deps, await actor('zhangwei', sunday), a, turning);
  await em.flush();
  await reportTask(deps, await actor('zhangwei', local('2026-11-29', '15:00')), a, turning, 60, 0);
  await em.flush();

  const lot = (lotNumber: string, of: Item, quantity: number, remaining: number) =>
    em.create(MaterialLot, {
      lotNumber,
      item: of,
      quantity,
      remaining,
      receivedAt: local('2026-11-20', '10:00'),
    });
  lot('L0', steel, 100, 0);
  const l1 = lot('L1', steel, 300, 200);
  lot('L2', steel, 500, 500);
  lot('K1', key, 700, 700);
  lot('A1', alu, 60, 60);
  em.create(MaterialIssue, {
    lot: l1,
    workOrder: (await em.findOne(WorkOrder, { number: 'WO-A' }))!,
    quantity: 100,
    issuedBy: (await personById(em, 'zhangwei'))!,
    issuedAt: sunday,
  });
  await em.flush();

  await upsertPartner(em, { code: 'HM', name: '华美电镀', process: '电镀' }, local('2026-11-20', '08:00'));
  const changer = { personId: 'lijianguo', name: '李建国', channel: 'console', partnerSide: false } as const;
  for (const [number, expectedReturnAt] of [
    ['OS-1', local('2026-11-29', '14:00')],
    ['OS-2', local('2026-12-03', '14:00')],
  ] as const) {
    await createOutsourcingOrder(
      deps,
      { ...changer, at: local('2026-11-26', '09:00') },
      {
        number,
        partnerCode: 'HM',
        productCode: 'SHAFT',
        quantity: 80,
        shipDate: '2026-11-26',
        expectedReturnAt,
      },
    );
  }
  await em.flush();
}
