import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDailyFigures } from '../../src/digest/daily-figures.js';
import { Downtime } from '../../src/equipment/downtime.entity.js';
import { Equipment } from '../../src/equipment/equipment.entity.js';
import { REPAIR_LIMITS_JOB } from '../../src/equipment/jobs/repair-limits.job.js';
import { closureRates } from '../../src/equipment/repairs/closure-rate.js';
import { RepairStep } from '../../src/equipment/repairs/repair-step.entity.js';
import { RepairTicket } from '../../src/equipment/repairs/repair-ticket.entity.js';
import { local, startWorld, type World } from './world.js';

describe('repair tickets: 报修 → 接单 → 维修中 → 待验收 → 归档', () => {
  const worlds: World[] = [];
  afterEach(async () => {
    for (const world of worlds.splice(0).reverse()) await world.stop();
  });
  const start = async () => {
    const world = await startWorld();
    worlds.push(world);
    await world.pushed();
    return world;
  };
  const at = (world: World, hhmm: string, day = 23) => world.clock.set(local(hhmm, day));
  const ticket = (world: World) => world.orm.em.fork().findOneOrFail(RepairTicket, 1);
  const status = async (world: World) =>
    (await world.orm.em.fork().findOneOrFail(Equipment, 'CNC-01')).status;

  it('walks all five states through chat with the right people; 验收不通过 sends it back; downtime is exact', async () => {
    const world = await start();
    expect(await world.say('zhangwei', '报修 CNC-99 主轴异响')).toEqual([
      '没有设备「CNC-99」。现有设备：CNC-01、EXT-01。',
    ]);
    expect(await world.orm.em.fork().count(RepairTicket)).toBe(0);

    expect(await world.say('zhangwei', '报修 cnc-01 主轴异响，有焦味')).toEqual([
      '已报修 R1（设备 CNC-01），设备组已收到通知。修好后会请您验收。',
      '如需附照片，请直接发送图片，将附在维修 R1（CNC-01）上。',
    ]);
    expect(await world.pushed()).toEqual([
      ['gaoyuan', '[维修 R1 · CNC-01 数控车床 1 号]'],
      ['mawei', '[维修 R1 · CNC-01 数控车床 1 号]'],
    ]);
    expect(await status(world)).toBe('repair');
    const card = await world.lastCardOf('gaoyuan');
    expect(card.buttons.map((b) => b.text)).toEqual(['接单']);
    expect(card.fields).toContainEqual({ label: '时限', value: '报修 30 分钟内（11-23 08:30 前）' });

    expect(await world.say('zhangwei', '接单 R1')).toEqual(['只有设备员可以接单和维修。']);
    at(world, '08:10');
    expect(await world.tap('gaoyuan', '接单')).toEqual(['维修 R1 已由 高远 接单。']);
    expect(await world.pushed()).toEqual([['zhangwei', '维修 R1 已由 高远 接单。']]);
    // A refusal by state says who does what next, not only that it cannot be done.
    expect(await world.say('mawei', '接单 R1')).toEqual([
      '维修 R1 现在是「已接单」，不能接单。下一步是高远到现场后「开始维修 R1」。',
    ]);

    at(world, '08:20');
    expect(await world.tap('gaoyuan', '开始维修')).toEqual(['维修 R1 开始维修，设备停机计时中。']);
    expect(await world.say('zhangwei', '验收 R1 通过')).toEqual([
      '维修 R1 现在是「维修中」，不能验收。下一步是高远修好后「维修完成 R1」。',
    ]);
    at(world, '10:00');
    expect(await world.tap('gaoyuan', '维修完成')).toEqual([
      '维修 R1：请简要写下处理内容（例如「更换主轴皮带」）：',
    ]);
    expect(await world.say('gaoyuan', '更换主轴轴承')).toEqual([
      '维修 R1 已提交验收，等待报修人或班组长验收。',
    ]);
    expect(await world.pushed()).toEqual([
      ['zhangwei', '✅ 维修 R1（CNC-01）高远 已修好：更换主轴轴承。请到设备前确认后验收。'],
      ['zhangwei', '[维修 R1 · CNC-01 数控车床 1 号]'],
    ]);
    expect((await world.lastCardOf('zhangwei')).buttons.map((b) => b.text)).toEqual([
      '验收通过',
      '验收不通过',
    ]);

    // Another worker may not accept the repair for him.
    expect(await world.say('liuyang', '验收 R1 通过')).toEqual([
      '维修 R1 需由报修人、班组长或车间主任验收。',
    ]);
    at(world, '10:15');
    expect(await world.tap('zhangwei', '验收不通过')).toEqual([
      '维修 R1 验收不通过：请写明原因（例如「主轴仍有异响」）：',
    ]);
    expect(await world.say('zhangwei', '还是有异响')).toEqual(['维修 R1 验收不通过，已退回维修。']);
    expect(await world.pushed()).toEqual([
      ['gaoyuan', '↩️ 维修 R1 验收不通过（张伟）：还是有异响。请继续维修。'],
    ]);
    expect((await ticket(world)).state).toBe('repairing');
    expect(await status(world)).toBe('repair');

    at(world, '11:00');
    expect(await world.say('gaoyuan', '维修完成 R1 更换主轴和皮带')).toEqual([
      '维修 R1 已提交验收，等待报修人或班组长验收。',
    ]);
    at(world, '11:30');
    expect(await world.say('wangfang', '验收 R1 通过')).toEqual([
      '维修 R1 验收通过，已归档。本次停机 3 小时 30 分钟。',
    ]);
    expect(await world.pushed()).toContainEqual([
      'gaoyuan',
      '🎉 维修 R1 已由 王芳 验收通过，停机 3 小时 30 分钟。',
    ]);
    expect(await status(world)).toBe('running');
    expect(await ticket(world)).toMatchObject({ state: 'archived', archivedAt: local('11:30') });

    const steps = await world.orm.em.fork().find(RepairStep, {}, { orderBy: { id: 'asc' } });
    expect(steps.map((s) => `${s.toState}@${s.at.toISOString().slice(11, 16)}:${s.by?.id ?? ''}`)).toEqual([
      'reported@00:00:zhangwei',
      'accepted@00:10:gaoyuan',
      'repairing@00:20:gaoyuan',
      'verifying@02:00:gaoyuan',
      'repairing@02:15:zhangwei',
      'verifying@03:00:gaoyuan',
      'archived@03:30:wangfang',
    ]);

    // The morning digest for Monday counts 08:00–11:30 as CNC-01's down time, exactly.
    const figures = await buildDailyFigures(world.orm.em.fork(), '2026-11-23', {
      productionDay: { tz: world.settings.factoryTz, startsAt: '08:00' },
      now: local('07:30', 24),
      riskDays: 3,
    });
    expect(figures.equipment).toEqual([
      { code: 'CNC-01', name: '数控车床 1 号', runMinutes: 0, downMinutes: 210 },
    ]);
  });

  it('验收 typed with its verdict: 不通过 with the reason, 没修好 asks for one, a bare 验收 passes', async () => {
    const world = await start();
    await world.say('zhangwei', '报修 CNC-01 主轴异响');
    const repaired = async (note: string) => {
      await world.say('gaoyuan', '接单 R1');
      await world.say('gaoyuan', '开始维修 R1');
      await world.say('gaoyuan', `维修完成 R1 ${note}`);
    };
    await repaired('更换轴承');
    expect(await world.say('zhangwei', '验收 R1 不通过 电机还响')).toEqual([
      '维修 R1 验收不通过，已退回维修。',
    ]);
    await world.say('gaoyuan', '维修完成 R1 更换电机');
    expect(await world.say('zhangwei', '验收 R1 没修好')).toEqual([
      '维修 R1 验收不通过：请写明原因（例如「主轴仍有异响」）：',
    ]);
    expect(await world.say('zhangwei', '还是响')).toEqual(['维修 R1 验收不通过，已退回维修。']);
    await world.say('gaoyuan', '维修完成 R1 紧固底座');
    expect((await world.say('zhangwei', '验收 R1'))[0]).toMatch(/^维修 R1 验收通过，已归档。/);
    const steps = await world.orm.em.fork().find(RepairStep, { toState: 'repairing', note: { $ne: null } });
    expect(steps.map((s) => s.note)).toEqual(['电机还响', '还是响']);
  });

  it('a ticket past its step’s limit escalates to the supervisor once; a new step gets a fresh limit', async () => {
    const world = await start();
    await world.say('zhangwei', '报修 CNC-01 液压油泄漏');
    await world.pushed();
    const run = async (hhmm: string) => {
      at(world, hhmm);
      await world.runJob(REPAIR_LIMITS_JOB);
      return world.pushed();
    };
    expect(await run('08:30')).toEqual([]);
    // The crew's cards arrived (only a delivered card is redrawn).
    await world.orm.em.fork().nativeUpdate(OutboxMessage, {}, { status: 'sent' });
    expect(await run('08:31')).toEqual([
      ['lijianguo', '🚨 升级 维修 R1（CNC-01）「报修」已超时限 30 分钟，超出 1 分钟，当前由 无人接单 负责。'],
    ]);
    // The crew's card, redrawn: it says it is late, with the same button.
    const late = await world.lastCardOf('gaoyuan');
    expect(late.fields).toContainEqual({ label: '时限', value: '报修 30 分钟内（11-23 08:30 前），已超时' });
    expect(late.buttons.map((b) => b.text)).toEqual(['接单']);
    expect(await run('08:45')).toEqual([]);
    at(world, '08:50');
    await world.say('mawei', '接单 R1');
    await world.pushed();
    expect(await run('09:50')).toEqual([]);
    expect(await run('09:55')).toEqual([
      ['lijianguo', '🚨 升级 维修 R1（CNC-01）「已接单」已超时限 1 小时，超出 5 分钟，当前由 马伟 负责。'],
    ]);
    expect(await run('10:30')).toEqual([]);
  });

  it('停机 before 报修 starts the downtime; 开机 waits for the repair’s 验收', async () => {
    const world = await start();
    at(world, '07:00');
    expect(await world.say('zhangwei', '停机 CNC-01 卡刀')).toEqual([
      '已记录 CNC-01 停机，开始计停机时间。需要维修请发送「报修 CNC-01 故障现象」。',
    ]);
    expect(await status(world)).toBe('stopped');
    expect(await world.say('zhangwei', '停机 CNC-01')).toEqual(['CNC-01 已在 11-23 07:00 停机。']);
    at(world, '07:30');
    await world.say('zhangwei', '报修 CNC-01 刀塔卡死');
    expect(await world.say('zhangwei', '开机 CNC-01')).toEqual([
      'CNC-01 正在维修 R1，验收通过后自动恢复运行。',
    ]);
    at(world, '07:40');
    await world.say('gaoyuan', '接单 R1');
    await world.say('gaoyuan', '开始维修 R1');
    at(world, '08:40');
    await world.say('gaoyuan', '维修完成 R1 更换刀塔定位销');
    at(world, '09:00');
    expect(await world.say('zhangwei', '验收 R1')).toEqual(['维修 R1 验收通过，已归档。本次停机 2 小时。']);
    const downtimes = await world.orm.em.fork().find(Downtime, {});
    expect(downtimes.map((d) => [d.startedAt, d.endedAt, d.ticket?.id])).toEqual([
      [local('07:00'), local('09:00'), 1],
    ]);
    expect(await world.say('zhangwei', '开机 CNC-01')).toEqual(['CNC-01 没有在停机。']);
  });

  it('exception closure rate: closed within every step’s limit / raised, per week and per team', async () => {
    const world = await start();
    const walk = async (code: string, minutesToAccept: number) => {
      const reported = world.clock.now().getTime();
      await world.say('zhangwei', `报修 ${code} 故障`);
      const id = (await world.orm.em.fork().find(RepairTicket, {}, { orderBy: { id: 'desc' } }))[0]?.id;
      world.clock.set(new Date(reported + minutesToAccept * 60_000));
      await world.say('gaoyuan', `接单 R${id}`);
      await world.say('gaoyuan', `开始维修 R${id}`);
      await world.say('gaoyuan', `维修完成 R${id} 已处理`);
      await world.say('zhangwei', `验收 R${id} 通过`);
    };
    at(world, '08:00');
    await walk('CNC-01', 20); // within every limit
    at(world, '13:00');
    await walk('CNC-01', 45); // 接单 15 minutes over its 30-minute limit
    at(world, '15:00');
    await world.say('zhangwei', '报修 EXT-01 漏料'); // still open
    at(world, '09:00', 30);
    await walk('CNC-01', 5); // the next week
    const rates = await closureRates(
      world.orm.em.fork(),
      world.factory.repairs,
      world.settings.factoryTz,
      local('00:00', 23),
      new Date('2026-12-07T00:00:00+08:00'),
    );
    expect(rates).toEqual([
      { week: '2026-11-23', teamId: 'cnc', raised: 3, closedWithinLimit: 1, rate: 1 / 3 },
      { week: '2026-11-30', teamId: 'cnc', raised: 1, closedWithinLimit: 1, rate: 1 },
    ]);
  });
});
