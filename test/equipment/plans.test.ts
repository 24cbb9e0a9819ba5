import { afterEach, describe, expect, it } from 'vitest';
import { MAINTENANCE_WATCH_JOB } from '../../src/equipment/jobs/maintenance-watch.job.js';
import { MaintenancePlan } from '../../src/equipment/maintenance/maintenance-plan.entity.js';
import { equipmentYaml, local, startWorld, type World } from './world.js';

describe('maintenance plans made in chat and kept in step with factory.yaml', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
  });

  it('新建保养计划 asks five questions, re-asks a bad answer, and the plan counts from the machine’s hours now', async () => {
    world = await startWorld();
    const w = world;
    await w.postHours('CNC-01', { hours: 1000 });
    expect(await w.say('zhangwei', '新建保养计划')).toEqual(['「新建保养计划」只有车间主任可以使用。']);
    const dialog: Array<[string, string]> = [
      [
        '新建保养计划',
        '新建保养计划：对哪台设备？请回复设备编号（例如 CNC-01），或「类型 车床」表示所有该类设备。',
      ],
      ['类型 boiler', '没有类型为「boiler」的设备。'],
      ['cnc-01', '保养内容叫什么？例如「更换滤网」：'],
      [
        '导轨润滑',
        '多久保养一次？例如「720小时」「30天」或「720小时 90天」（先到为准）。可加提前量：「720小时 提前24小时」。',
      ],
      ['经常', '没看懂周期。请写成「720小时」「30天」或「720小时 90天 提前24小时 提前3天」。'],
      ['100小时 提前100小时', '提前量要小于保养周期。'],
      [
        '200小时 14天 提前8小时',
        '保养清单：每项用顿号分开，例如「停机断电、更换滤网、试机」；不能跳过的项后面写「（必做）」。没有清单回复「无」。',
      ],
      ['清洁导轨、加注导轨油', '由谁负责？回复 @姓名、班组名称，或「设备组」。'],
      ['@nobody', '找不到「@nobody」。请回复 @姓名、班组名称或「设备组」。'],
      ['数控组', '已建立保养计划 P3：导轨润滑，设备 CNC-01，每运行 200 小时或每 14 天，提前 8 小时提醒'],
    ];
    for (const [said, answer] of dialog) expect(await w.say('lijianguo', said)).toEqual([answer]);
    const plan = await w.orm.em.fork().findOneOrFail(MaintenancePlan, { code: 'P3' });
    expect(plan).toMatchObject({
      name: '导轨润滑',
      everyHours: 200,
      everyDays: 14,
      leadHours: 8,
      leadDays: 0,
      checklist: ['清洁导轨', '加注导轨油'],
      source: 'chat',
      createdBy: 'lijianguo',
    });
    expect(plan.responsibleTeam?.id).toBe('cnc');

    // Counted from 1,000 h: due at 1,200 h, to the team (its lead, as the console has no groups).
    await w.pushed();
    await w.postHours('CNC-01', { hours: 1191 });
    expect(await w.pushed()).toEqual([]);
    await w.postHours('CNC-01', { hours: 1200 });
    expect(await w.pushed()).toEqual([['wangfang', '[保养 M1 · CNC-01「导轨润滑」]']]);

    const [list] = await w.say('gaoyuan', '保养计划');
    expect(list?.split('\n')).toEqual([
      '保养计划共 3 项：',
      '【film-filter】更换滤网：设备 EXT-01，每运行 720 小时，提前 24 小时提醒，负责 高远',
      '【lathe-weekly】周保养：所有「车床」类设备，每 7 天，提前 1 天提醒，负责 高远、马伟',
      '【P3】导轨润滑：设备 CNC-01，每运行 200 小时或每 14 天，提前 8 小时提醒，负责 数控组',
    ]);
  });

  it('新建保养计划 reads Chinese numerals with units and full-width digits, and takes one answer per line of a message', async () => {
    world = await startWorld();
    const w = world;
    // Before: 「五百小时 提前２４小时」 was not understood as a period, and the lines were one answer.
    expect(await w.say('lijianguo', '新建保养计划\nCNC-01\n主轴保养\n五百小时 提前２４小时')).toEqual([
      '保养清单：每项用顿号分开，例如「停机断电、更换滤网、试机」；不能跳过的项后面写「（必做）」。没有清单回复「无」。',
    ]);
    expect(await w.say('lijianguo', '清理锥孔、双手按钮测试（必做）\n@nobody\n数控组')).toEqual([
      '找不到「@nobody」。请回复 @姓名、班组名称或「设备组」。',
    ]);
    expect(await w.say('lijianguo', '数控组')).toEqual([
      '已建立保养计划 P3：主轴保养，设备 CNC-01，每运行 500 小时，提前 24 小时提醒',
    ]);
    expect(await w.orm.em.fork().findOneOrFail(MaintenancePlan, { code: 'P3' })).toMatchObject({
      everyHours: 500,
      everyDays: null,
      leadHours: 24,
      checklist: ['清理锥孔', '双手按钮测试'],
      requiredItems: ['双手按钮测试'],
    });

    await w.say('lijianguo', '新建保养计划');
    await w.say('lijianguo', '类型 lathe\n月保养');
    expect(await w.say('lijianguo', '３０天 提前三天')).toEqual([
      '保养清单：每项用顿号分开，例如「停机断电、更换滤网、试机」；不能跳过的项后面写「（必做）」。没有清单回复「无」。',
    ]);
    expect(await w.say('lijianguo', '无\n设备组')).toEqual([
      '已建立保养计划 P4：月保养，所有「车床」类设备，每 30 天，提前 3 天提醒',
    ]);
    expect(await w.orm.em.fork().findOneOrFail(MaintenancePlan, { code: 'P4' })).toMatchObject({
      everyHours: null,
      everyDays: 30,
      leadDays: 3,
      checklist: [],
      requiredItems: [],
    });
  });

  it('a plan taken out of factory.yaml is switched off at the next start, and its machine is no longer reminded', async () => {
    world = await startWorld();
    const withoutFilter = equipmentYaml.replace(/^ {4}- \{ id: film-filter.*\n/m, '');
    const restarted = await startWorld({ db: world.db, clock: world.clock, factory: withoutFilter });
    try {
      const plans = await restarted.orm.em.fork().find(MaintenancePlan, {}, { orderBy: { code: 'asc' } });
      expect(plans.map((p) => [p.code, p.active])).toEqual([
        ['film-filter', false],
        ['lathe-weekly', true],
      ]);
      await restarted.pushed();
      await restarted.postHours('EXT-01', { hours: 800 });
      restarted.clock.set(local('09:00'));
      await restarted.runJob(MAINTENANCE_WATCH_JOB);
      expect(await restarted.pushed()).toEqual([]);
    } finally {
      await restarted.stop();
    }
  });
});
