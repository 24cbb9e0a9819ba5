import type { DemoContext } from '../../demo/demo-context.js';
import type { Services } from '../../services.js';
import { Equipment } from '../equipment.entity.js';
import { createPlan, type NewPlan } from '../maintenance/plan-service.js';
import { completeTask, createDueTask } from '../maintenance/task-service.js';
import {
  acceptRepair,
  finishRepair,
  reportRepair,
  startRepair,
  verifyRepair,
} from '../repairs/repair-service.js';

const plan = (p: Partial<NewPlan> & Pick<NewPlan, 'name'>): NewPlan => ({
  equipmentCode: null,
  equipmentType: null,
  everyHours: null,
  everyDays: null,
  leadHours: 0,
  leadDays: 0,
  checklist: [],
  requiredItems: [],
  personId: null,
  teamId: null,
  ...p,
});

/**
 * Maintenance plans, their past rounds and a few repair tickets, played through the same
 * services as the chat at past moments, so that `设备 CNC-01` tells a story on a first run:
 * a lathe in repair today, its spindle lubrication nearly due, last week's repair in its history.
 */
export async function seedEquipment(ctx: DemoContext): Promise<void> {
  const { at } = ctx;
  await ctx.em.transactional(async (tx) => {
    const actor = (personId: string, when: Date) => ctx.actorOf(tx, personId, when);
    const deps = (when: Date): Services => ctx.unit(tx, { now: () => when });
    const machine = (code: string) => tx.findOneOrFail(Equipment, code);
    const cnc01 = await machine('CNC-01');
    const fromReports = cnc01.runningMinutes;

    // The spindle plan: done at 11,300 h two weeks ago, due again at 11,800 h, now within its lead.
    cnc01.runningMinutes = 10_800 * 60;
    const spindle = await createPlan(
      tx,
      { now: () => at(-60, '09:00') },
      await actor('lijianguo', at(-60, '09:00')),
      plan({
        name: '主轴润滑保养',
        equipmentCode: 'CNC-01',
        everyHours: 500,
        leadHours: 24,
        checklist: ['清理主轴锥孔', '加注主轴润滑脂', '检查皮带张紧'],
        personId: 'gaoyuan',
      }),
    );
    cnc01.runningMinutes = 11_300 * 60;
    const spindleRound = await createDueTask(deps(at(-14, '08:03')), spindle, cnc01, 1, {
      by: 'hours',
      since: at(-14, '08:03'),
    });
    await completeTask(
      deps(at(-14, '11:20')),
      await actor('gaoyuan', at(-14, '11:20')),
      spindleRound,
      [...spindle.checklist],
      null,
    );
    // The demo's recent reports are part of the 11,785 hours, so the story does not depend on them.
    cnc01.runningMinutes = Math.max(11_785 * 60, fromReports);

    // The presses' monthly safety check: PRESS-01's round is overdue, PRESS-02's was done.
    const safety = await createPlan(
      tx,
      { now: () => at(-33, '09:00') },
      await actor('lijianguo', at(-33, '09:00')),
      plan({
        name: '冲床安全检查',
        equipmentType: 'press',
        everyDays: 30,
        leadDays: 3,
        checklist: ['光电保护测试', '双手按钮测试', '离合器制动检查'],
        requiredItems: ['双手按钮测试'],
        teamId: 'stamping',
      }),
    );
    await createDueTask(deps(at(-3, '00:03')), safety, await machine('PRESS-01'), 1, {
      by: 'days',
      since: at(-3, '00:00'),
    });
    await createPlan(
      tx,
      { now: () => at(-20, '09:00') },
      await actor('lijianguo', at(-20, '09:00')),
      plan({
        name: '更换切削液',
        equipmentType: 'mill',
        everyDays: 60,
        leadDays: 5,
        checklist: ['排空清洗水箱', '加注新切削液'],
      }),
    );

    // Last week's spindle noise, repaired and accepted; today's turret alarm, being repaired.
    const noise = await reportRepair(
      deps(at(-6, '14:20')),
      await actor('zhangwei', at(-6, '14:20')),
      cnc01,
      '主轴异响，加工表面有振纹',
    );
    await acceptRepair(deps(at(-6, '14:28')), await actor('gaoyuan', at(-6, '14:28')), noise);
    await startRepair(deps(at(-6, '14:40')), await actor('gaoyuan', at(-6, '14:40')), noise);
    await finishRepair(
      deps(at(-6, '16:10')),
      await actor('gaoyuan', at(-6, '16:10')),
      noise,
      '更换主轴前轴承，重新调整预紧',
    );
    await verifyRepair(deps(at(-6, '16:35')), await actor('wangfang', at(-6, '16:35')), noise, {
      pass: true,
    });

    const turret = await reportRepair(
      deps(at(0, '08:40')),
      await actor('liuyang', at(0, '08:40')),
      cnc01,
      '换刀时刀塔报警 E-1021',
    );
    await acceptRepair(deps(at(0, '08:52')), await actor('gaoyuan', at(0, '08:52')), turret);
    await startRepair(deps(at(0, '09:05')), await actor('gaoyuan', at(0, '09:05')), turret);

    // Not taken yet: the limit scan escalates it a few minutes after the demo starts.
    await reportRepair(
      deps(at(0, '09:35')),
      await actor('hujie', at(0, '09:35')),
      await machine('GRIND-01'),
      '砂轮动平衡差，工件有振纹',
    );
  });
}
