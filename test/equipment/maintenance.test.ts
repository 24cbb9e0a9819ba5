import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { afterEach, describe, expect, it } from 'vitest';
import { EquipmentNotice } from '../../src/equipment/equipment-notice.entity.js';
import { Equipment } from '../../src/equipment/equipment.entity.js';
import { MAINTENANCE_WATCH_JOB } from '../../src/equipment/jobs/maintenance-watch.job.js';
import { MaintenanceCycle } from '../../src/equipment/maintenance/maintenance-cycle.entity.js';
import { MaintenanceTask } from '../../src/equipment/maintenance/maintenance-task.entity.js';
import { ManualClock } from '../../src/shared/clock.js';
import { testDatabaseKind } from '../support/database.js';
import { equipmentYaml, local, startWorld, type World } from './world.js';

const HOUR = 3_600_000;

describe('preventive maintenance under a controlled clock', () => {
  const worlds: World[] = [];
  afterEach(async () => {
    for (const world of worlds.splice(0).reverse()) await world.stop();
  });
  const start = async (...args: Parameters<typeof startWorld>) => {
    const world = await startWorld(...args);
    worlds.push(world);
    return world;
  };
  const hours = async (world: World, value: number) => {
    const response = await world.postHours('EXT-01', { hours: value });
    expect(response.status).toBe(200);
  };
  const filterTasks = (world: World) =>
    world.orm.em.fork().find(MaintenanceTask, { plan: { code: 'film-filter' } }, { orderBy: { id: 'asc' } });

  it('every 720 running hours, remind 24 before: one heads-up at 696, the task at 720, escalation when overdue, reset when done', async () => {
    const world = await start();
    await world.pushed();
    await hours(world, 600);
    await hours(world, 695.9);
    expect(await world.pushed()).toEqual([]);

    await hours(world, 696);
    const heads =
      '🔧 设备 EXT-01 吹膜机 的保养「更换滤网」即将到期：运行到 720 小时（还差 24 小时）。请提前准备备件和停机时间。';
    expect(await world.pushed()).toEqual([['gaoyuan', heads]]);
    await hours(world, 710);
    await world.runJob(MAINTENANCE_WATCH_JOB);
    expect(await world.pushed()).toEqual([]);

    await hours(world, 720);
    expect(await world.pushed()).toEqual([['gaoyuan', '[保养 M1 · EXT-01「更换滤网」]']]);
    const card = await world.lastCardOf('gaoyuan');
    expect(card.buttons.map((b) => b.text)).toEqual(['接单', '完成', '延期']);
    expect(card.fields).toContainEqual({ label: '清单', value: '停机断电、更换滤网、试机' });
    expect(card.fields).toContainEqual({ label: '完成期限', value: '11-24 08:00' });
    await world.runJob(MAINTENANCE_WATCH_JOB);
    await hours(world, 721);
    expect(await world.pushed()).toEqual([]);
    expect(await filterTasks(world)).toHaveLength(1);

    // Not done by its deadline (24 h after it came due): the cadence of outsourcing reminders.
    world.clock.set(local('08:00', 24));
    await world.runJob(MAINTENANCE_WATCH_JOB);
    expect(await world.pushed()).toEqual([]);
    world.clock.set(local('08:01', 24));
    await world.orm.em.fork().nativeUpdate(OutboxMessage, {}, { status: 'sent' }); // the card arrived
    await world.runJob(MAINTENANCE_WATCH_JOB);
    expect(await world.pushed()).toEqual([
      ['gaoyuan', '🔴 保养 M1（EXT-01「更换滤网」）已逾期 1 分钟，请尽快完成。'],
    ]);
    // The card in gaoyuan's chat, redrawn: its deadline says it has passed, its buttons stay.
    const late = await world.lastCardOf('gaoyuan');
    expect(late.fields).toContainEqual({ label: '完成期限', value: '11-24 08:00（已逾期）' });
    expect(late.buttons.map((b) => b.text)).toEqual(['接单', '完成', '延期']);
    world.clock.set(local('08:30', 24));
    await world.runJob(MAINTENANCE_WATCH_JOB);
    expect(await world.pushed()).toEqual([]);
    world.clock.set(local('08:00', 25));
    await world.runJob(MAINTENANCE_WATCH_JOB);
    const escalation = '🚨 升级 保养 M1（EXT-01「更换滤网」）已逾期 1 天，负责 高远，仍未完成。';
    expect(await world.pushed()).toEqual([
      ['gaoyuan', '🔴 保养 M1（EXT-01「更换滤网」）已逾期 1 天，请尽快完成（第 4 次提醒）。'],
      ['wangfang', escalation],
    ]);
    world.clock.set(local('08:00', 26));
    await world.runJob(MAINTENANCE_WATCH_JOB);
    expect((await world.pushed()).filter(([to]) => to !== 'gaoyuan')).toEqual([
      ['lijianguo', escalation.replace('1 天', '2 天')],
    ]);

    // 接单 puts the machine into 保养中; 完成 asks the checklist and resets the plan.
    expect(await world.tap('gaoyuan', '接单')).toEqual([
      '已接单：保养 M1（EXT-01「更换滤网」）。设备状态改为「保养中」，完成后点「完成」。',
    ]);
    expect(await world.say('mawei', '接单 M1')).toEqual(['保养 M1 已由 高远 接单。']);
    const machine = () => world.orm.em.fork().findOneOrFail(Equipment, 'EXT-01');
    expect((await machine()).status).toBe('maintenance');
    const [question] = await world.tap('gaoyuan', '完成');
    expect(question).toContain('1. 停机断电\n2. 更换滤网\n3. 试机');
    expect(await world.say('gaoyuan', '5')).toEqual([
      '请回复「全部」，或 1 到 3 之间的序号，例如「1 3 滤网缺货」。',
    ]);
    expect(await world.say('gaoyuan', '1 2 试机明早做')).toEqual([
      '保养 M1（EXT-01「更换滤网」）已完成，计划已重新计时。未完成的项：试机，已记录。',
    ]);
    const [task] = await filterTasks(world);
    expect(task).toMatchObject({
      status: 'done',
      checked: ['停机断电', '更换滤网'],
      note: '试机明早做',
      doneAtMinutes: 721 * 60,
    });
    expect((await machine()).status).toBe('running');
    const cycle = await world.orm.em
      .fork()
      .findOneOrFail(MaintenanceCycle, { plan: { code: 'film-filter' } });
    expect(cycle).toMatchObject({ cycle: 2, baselineMinutes: 721 * 60 });

    // Done means quiet; the next round counts from 721 h.
    world.clock.set(local('08:00', 28));
    await world.runJob(MAINTENANCE_WATCH_JOB);
    await hours(world, 721 + 695);
    expect(await world.pushed()).toEqual([]);
    await hours(world, 721 + 696);
    expect(await world.pushed()).toEqual([['gaoyuan', heads.replace('运行到 720 小时', '运行到 1441 小时')]]);
  });

  it('延期 asks days and a reason, tells the supervisor, and restarts the overdue cadence from the new date', async () => {
    const world = await start();
    await hours(world, 720);
    await world.pushed();
    expect(await world.say('zhangwei', '延期保养 M1 2 等滤网')).toEqual([
      '只有设备员、负责人、班组长或车间主任可以处理保养任务。',
    ]);
    expect(await world.tap('gaoyuan', '延期')).toEqual([
      '延期几天、为什么？例如「2 等滤网到货」（最多 14 天）。',
    ]);
    expect(await world.say('gaoyuan', '等滤网')).toEqual([
      '请写天数和原因，例如「2 等滤网到货」，天数 1 到 14。',
    ]);
    expect(await world.say('gaoyuan', '2 等滤网到货')).toEqual([
      '保养 M1 已延期到 11-26 08:00，车间主任已收到通知。',
    ]);
    expect(await world.pushed()).toEqual([
      ['lijianguo', '📅 高远 把保养 M1（EXT-01「更换滤网」）延期到 11-26 08:00，原因：等滤网到货。'],
    ]);
    world.clock.set(local('09:00', 24));
    await world.runJob(MAINTENANCE_WATCH_JOB);
    expect(await world.pushed()).toEqual([]);
    world.clock.set(local('08:05', 26));
    await world.runJob(MAINTENANCE_WATCH_JOB);
    expect(await world.pushed()).toEqual([
      ['gaoyuan', '🔴 保养 M1（EXT-01「更换滤网」）已逾期 5 分钟，请尽快完成。'],
    ]);
  });

  it('延期保养 takes Chinese numerals, and the days and the reason on one line or over two answers', async () => {
    const world = await start();
    await hours(world, 720);
    await world.pushed();
    // Before: 「三天」 alone was refused, so days and reason had to come in one line.
    expect(await world.say('gaoyuan', '延期保养 M1 三天')).toEqual(['延期 3 天，原因是什么？']);
    expect(await world.say('gaoyuan', '等滤网到货')).toEqual([
      '保养 M1 已延期到 11-27 08:00，车间主任已收到通知。',
    ]);
    expect(await world.say('gaoyuan', '延期保养 M1')).toEqual([
      '延期几天、为什么？例如「2 等滤网到货」（最多 14 天）。',
    ]);
    expect(await world.say('gaoyuan', '２天\n备件还没到')).toEqual([
      '保养 M1 已延期到 11-29 08:00，车间主任已收到通知。',
    ]);
    const [task] = await filterTasks(world);
    expect(task).toMatchObject({ postponements: 2, postponeReason: '备件还没到', status: 'open' });
    expect(await world.pushed()).toEqual([
      ['lijianguo', '📅 高远 把保养 M1（EXT-01「更换滤网」）延期到 11-27 08:00，原因：等滤网到货。'],
      ['lijianguo', '📅 高远 把保养 M1（EXT-01「更换滤网」）延期到 11-29 08:00，原因：备件还没到。'],
    ]);
  });

  it('完成保养 with a required checklist item unticked is refused, names the item, and is not recorded as done', async () => {
    const world = await start({
      factory: equipmentYaml.replace(
        'checklist: [停机断电,',
        'checklist: [{ item: 停机断电, required: true },',
      ),
    });
    await hours(world, 720);
    await world.pushed();
    expect(await world.say('gaoyuan', '完成保养 M1')).toEqual([
      '请确认保养清单：\n1. 停机断电（必做）\n2. 更换滤网\n3. 试机\n全部做完回复「全部」；否则回复做完的序号，例如「1 3」，后面可写原因。',
    ]);
    const refusal =
      '必做项「停机断电」没有完成，保养 M1 不能记为完成。做完后再回复清单；今天做不了请发送「延期保养 M1 天数 原因」，车间主任会收到通知。';
    expect(await world.say('gaoyuan', '2 3 没断电')).toEqual([refusal]);
    const [open] = await filterTasks(world);
    expect(open).toMatchObject({ status: 'open', checked: null, doneAt: null });
    expect(
      (await world.orm.em.fork().findOneOrFail(MaintenanceCycle, { plan: { code: 'film-filter' } })).cycle,
    ).toBe(1);
    // The question stays open: once the item is done, the same dialog records it.
    expect(await world.say('gaoyuan', '全部')).toEqual([
      '保养 M1（EXT-01「更换滤网」）已完成，计划已重新计时。',
    ]);
    const [done] = await filterTasks(world);
    expect(done).toMatchObject({ status: 'done', checked: ['停机断电', '更换滤网', '试机'] });
  });

  it('a calendar plan fires on its day in the factory time zone, not the server’s UTC day', async () => {
    // Started Monday 11-23 10:00 Shanghai: weekly, so due Monday 11-30 from 00:00 Shanghai (11-29 16:00 UTC).
    const world = await start({ clock: new ManualClock(local('10:00')) });
    await world.pushed();
    const at = async (iso: string) => {
      world.clock.set(iso);
      await world.runJob(MAINTENANCE_WATCH_JOB);
      return world.pushed();
    };
    expect(await at('2026-11-28T15:59:00Z')).toEqual([]);
    const heads =
      '🔧 设备 CNC-01 数控车床 1 号 的保养「周保养」即将到期：11-30 前。请提前准备备件和停机时间。';
    expect(await at('2026-11-28T16:00:00Z')).toEqual([
      ['gaoyuan', heads],
      ['mawei', heads],
    ]);
    expect(await at('2026-11-29T15:59:00Z')).toEqual([]);
    expect(await at('2026-11-29T16:00:00Z')).toEqual([
      ['gaoyuan', '[保养 M1 · CNC-01「周保养」]'],
      ['mawei', '[保养 M1 · CNC-01「周保养」]'],
    ]);
    expect(await at('2026-11-29T17:00:00Z')).toEqual([]);
    const [task] = await world.orm.em.fork().find(MaintenanceTask, {});
    expect(task).toMatchObject({ dueReason: 'days', deadline: new Date('2026-11-30T16:00:00Z') });
  });

  it('a calendar round found late (the server was down at midnight) is due by its day, not by when it was found', async () => {
    const world = await start({ clock: new ManualClock(local('10:00')) });
    // Due Monday 11-30 from 00:00 Shanghai; the first scan runs at 09:30 that morning.
    world.clock.set('2026-11-30T01:30:00Z');
    await world.runJob(MAINTENANCE_WATCH_JOB);
    const [task] = await world.orm.em.fork().find(MaintenanceTask, {});
    expect(task).toMatchObject({ dueReason: 'days', deadline: new Date('2026-11-30T16:00:00Z') });
    expect((await world.lastCardOf('gaoyuan')).fields).toContainEqual({
      label: '完成期限',
      value: '11-30 24:00', // the end of the day it was due, not a day later
    });
  });

  it.runIf(testDatabaseKind() === 'mysql')(
    'two server instances scanning at the same moment remind once and make one task',
    async () => {
      const first = await start();
      const second = await start({ db: first.db, clock: first.clock });
      const both = async () => {
        await Promise.all([first.runJob(MAINTENANCE_WATCH_JOB), second.runJob(MAINTENANCE_WATCH_JOB)]);
        await Promise.all([first.runJob(MAINTENANCE_WATCH_JOB), second.runJob(MAINTENANCE_WATCH_JOB)]);
      };
      await first.pushed();
      const set = (minutes: number) =>
        first.orm.em.fork().nativeUpdate(Equipment, { code: 'EXT-01' }, { runningMinutes: minutes });
      await set(700 * 60);
      await both();
      expect((await first.pushed()).map(([to]) => to)).toEqual(['gaoyuan']);
      await set(720 * 60);
      await both();
      // The losing insert used up an auto-increment id on MySQL, so the number is not asserted.
      expect(await first.pushed()).toEqual([
        ['gaoyuan', expect.stringMatching(/^\[保养 M\d+ · EXT-01「更换滤网」\]$/)],
      ]);
      first.clock.set(new Date(first.clock.now().getTime() + 49 * HOUR));
      await both();
      expect((await first.pushed()).map(([to]) => to)).toEqual(['gaoyuan', 'wangfang']);
      expect(await first.orm.em.fork().count(MaintenanceTask)).toBe(1);
      expect(await first.orm.em.fork().count(EquipmentNotice)).toBe(3);
    },
  );
});
