import { afterEach, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../src/chat/audit/audit-entry.entity.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { jobsOf } from '../../src/capabilities/assembled.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import {
  OUTSOURCING_REMINDERS_JOB,
  outsourcingRemindersJob,
} from '../../src/outsourcing/jobs/reminders.job.js';
import { OutsourcingReminder } from '../../src/outsourcing/reminder.entity.js';
import { FakeSmsProvider } from '../../src/outsourcing/sms/fake-sms.js';
import type { SmsProvider } from '../../src/outsourcing/sms/sms-provider.js';
import { testDatabaseKind } from '../support/database.js';
import { startWorld, textOf, texts as textsOf, type World } from './world.js';

/** 2026-11-23 in Shanghai, as a UTC instant. */
const local = (hhmm: string, day = 23) => new Date(`2026-11-${day}T${hhmm}:00+08:00`);

describe('outsourcing reminders under a controlled clock', () => {
  const worlds: World[] = [];
  afterEach(async () => {
    for (const world of worlds.splice(0).reverse()) await world.stop();
  });

  const start = async (): Promise<World> => {
    const world = await startWorld();
    worlds.push(world);
    return world;
  };

  /**
   * Runs the job on several instances at once. The embedded SQLite file is the one-server
   * mode (one writer, no waiting on locks), so there the instances take turns; the race
   * itself is exercised on MySQL/MariaDB, where several servers are a supported set-up.
   */
  const together = async (runs: Array<() => Promise<void>>) => {
    if (testDatabaseKind() === 'mysql') await Promise.all(runs.map((r) => r()));
    else for (const r of runs) await r();
  };

  const run = (world: World, sms?: SmsProvider) => {
    const job = sms
      ? outsourcingRemindersJob(world.services, sms)
      : jobsOf(coreCapabilities, world.services).find((d) => d.name === OUTSOURCING_REMINDERS_JOB);
    if (!job) throw new Error('the reminder job is not registered');
    return job.run({ data: undefined as never, jobId: 'test', touch: async () => {} });
  };

  /** Sets the clock, runs the job, and returns what it put into the outbox as [recipient, text]. */
  const at = async (world: World, when: Date, sms?: SmsProvider) => {
    const before = await world.orm.em.fork().count(OutboxMessage);
    world.clock.set(when);
    await run(world, sms);
    const rows = await world.orm.em
      .fork()
      .find(OutboxMessage, {}, { orderBy: { id: 'asc' }, offset: before });
    return rows.map((r) => [r.recipientKey, textOf(r.content)]);
  };

  it('an order due at 14:00: heads-up at the warning window, red at 14:01, repeats and escalations, nothing after 回厂', async () => {
    const world = await start();
    const number = await world.order({ expectedReturnAt: local('14:00') });
    const product = '金属纽扣（BTN-01）';
    expect(await at(world, local('09:59'))).toEqual([]);
    expect(await at(world, local('10:00'))).toEqual([
      [
        'chenshifu',
        `⏰ 外发单 ${number}：电镀 ${product} 5000 件，预计 11-23 14:00 回厂，还有 4 小时。如会延误，请回复「改回厂 ${number} <新的回厂时间>」。`,
      ],
    ]);
    expect(await at(world, local('10:01'))).toEqual([]);
    expect(await at(world, local('14:00'))).toEqual([]);
    const red = `🔴 外发单 ${number}：电镀 ${product}，应于 11-23 14:00 回厂`;
    expect(await at(world, local('14:01'))).toEqual([
      ['chenshifu', `${red}，已逾期 1 分钟，还有 5000 件未回。请尽快送回。`],
    ]);
    expect(await at(world, local('15:59'))).toEqual([]);
    expect(await at(world, local('16:00'))).toEqual([
      ['chenshifu', `${red}，已逾期 2 小时，还有 5000 件未回。请尽快送回（第 2 次提醒）。`],
    ]);
    await world.as('sunli').say(`回厂 ${number} 1000`);
    expect(await at(world, local('18:00'))).toEqual([
      ['chenshifu', `${red}，已逾期 4 小时，还有 4000 件未回。请尽快送回（第 3 次提醒）。`],
      [
        'sunli',
        `🔴 外发单 ${number} 已逾期 4 小时：华美电镀（联系人 陈师傅）的 ${product} 还有 4000 件未回，原定 11-23 14:00。`,
      ],
    ]);
    expect(await at(world, local('21:59'))).toEqual([
      ['chenshifu', expect.stringContaining('（第 4 次提醒）')],
    ]);
    expect(await at(world, local('22:00'))).toEqual([
      ['chenshifu', expect.stringContaining('（第 5 次提醒）')],
      [
        'lijianguo',
        `🚨 升级 外发单 ${number} 已逾期 8 小时：华美电镀（联系人 陈师傅）的 ${product} 还有 4000 件未回，原定 11-23 14:00。`,
      ],
    ]);
    world.clock.set(local('22:30'));
    await world.as('sunli').say(`回厂 ${number} 4000`);
    for (const later of [local('22:31'), local('00:00', 24), local('10:00', 24)]) {
      expect(await at(world, later)).toEqual([]);
    }
    const kinds = await world.orm.em.fork().find(OutsourcingReminder, {}, { orderBy: { id: 'asc' } });
    expect(kinds.map((r) => `${r.kind}:${r.slot}`)).toEqual([
      'warn:0',
      'overdue:0',
      'overdue:1',
      'overdue:2',
      'coordinator:0',
      'overdue:3',
      'overdue:4',
      'supervisor:0',
    ]);
  });

  it('a partner moving the order to 待质检 with part of it keeps being chased for the rest only; all of it stops the chasing', async () => {
    const world = await start();
    const number = await world.order({ expectedReturnAt: local('14:00') });
    const chenshifu = world.as('chenshifu');
    await chenshifu.say(`外发 ${number} 加工中`);
    await chenshifu.say(`外发 ${number} 待质检 2000`);
    expect(await at(world, local('10:00'))).toEqual([
      [
        'chenshifu',
        `⏰ 外发单 ${number}：电镀 金属纽扣（BTN-01） 3000 件，预计 11-23 14:00 回厂，还有 4 小时。如会延误，请回复「改回厂 ${number} <新的回厂时间>」。`,
      ],
    ]);
    expect(await at(world, local('14:01'))).toEqual([
      [
        'chenshifu',
        `🔴 外发单 ${number}：电镀 金属纽扣（BTN-01），应于 11-23 14:00 回厂，已逾期 1 分钟，还有 3000 件未回。请尽快送回。`,
      ],
    ]);
    await chenshifu.say(`外发 ${number} 待质检 3000`);
    expect(await world.load(number)).toMatchObject({ state: 'inspecting', returnedQuantity: 5000 });
    expect(await at(world, local('16:00'))).toEqual([]);
    expect(await at(world, local('22:00'))).toEqual([]);
  });

  it('改回厂 moves the chasing to the new time; a partner may move their own batch, and the coordinator hears of it', async () => {
    const world = await start();
    const number = await world.order({ expectedReturnAt: local('14:00') });
    const product = '金属纽扣（BTN-01）';
    world.clock.set(local('09:00'));
    expect(textsOf(await world.as('sunli').say(`改回厂 ${number} 11-24 10:00 电镀线检修`))).toEqual([
      `已把 ${number} 的预计回厂从 11-23 14:00 改为 11-24 10:00（电镀线检修），催促提醒按新时间重新计时。`,
    ]);
    expect((await world.load(number)).expectedReturnAt).toEqual(local('10:00', 24));
    // Nothing at the old time; the heads-up and the red come at the new one.
    expect(await at(world, local('10:00'))).toEqual([]);
    expect(await at(world, local('14:01'))).toEqual([]);
    expect(await at(world, local('06:00', 24))).toEqual([
      [
        'chenshifu',
        `⏰ 外发单 ${number}：电镀 ${product} 5000 件，预计 11-24 10:00 回厂，还有 4 小时。如会延误，请回复「改回厂 ${number} <新的回厂时间>」。`,
      ],
    ]);
    // The partner pushes it once more; the coordinator is told, and the chasing follows.
    const before = await world.orm.em.fork().count(OutboxMessage);
    expect(textsOf(await world.as('chenshifu').say(`改回厂 ${number} 11-24 16:00`))).toEqual([
      `已把 ${number} 的预计回厂从 11-24 10:00 改为 11-24 16:00，催促提醒按新时间重新计时。`,
    ]);
    const told = await world.orm.em
      .fork()
      .find(OutboxMessage, {}, { orderBy: { id: 'asc' }, offset: before });
    expect(told.map((r) => [r.recipientKey, textOf(r.content)])).toEqual([
      ['sunli', `🕒 陈师傅 把外发单 ${number} 的预计回厂从 11-24 10:00 改为 11-24 16:00。`],
    ]);
    expect(await at(world, local('10:01', 24))).toEqual([]);
    expect(await at(world, local('16:01', 24))).toEqual([
      ['chenshifu', expect.stringContaining(`应于 11-24 16:00 回厂，已逾期 1 分钟`)],
    ]);
    // Another partner's batch is not theirs to move; a time already past is refused. Nothing changes.
    expect(textsOf(await world.as('lijingli').say(`改回厂 ${number} 11-25`))).toEqual([
      `没有找到外发单「${number}」。发送「外发列表」查看。`,
    ]);
    expect(textsOf(await world.as('sunli').say(`改回厂 ${number} 11-24 12:00`))).toEqual([
      `${number} 的新回厂时间 11-24 12:00 已经过去了（现在 11-24 16:01），请写以后的时间。`,
    ]);
    expect((await world.load(number)).expectedReturnAt).toEqual(local('16:00', 24));
    const audited = await world.orm.em
      .fork()
      .find(AuditEntry, { action: 'outsourcing.return_rescheduled' }, { orderBy: { id: 'asc' } });
    expect(audited.map((a) => [a.actorId, a.details])).toEqual([
      [
        'sunli',
        {
          number,
          from: local('14:00').toISOString(),
          to: local('10:00', 24).toISOString(),
          reason: '电镀线检修',
        },
      ],
      [
        'chenshifu',
        {
          number,
          from: local('10:00', 24).toISOString(),
          to: local('16:00', 24).toISOString(),
          reason: null,
        },
      ],
    ]);
  });

  it('a job that missed hours sends the current reminder once, not every missed one', async () => {
    const world = await start();
    const number = await world.order({ expectedReturnAt: local('14:00') });
    expect(await at(world, local('19:30'))).toEqual([
      [
        'chenshifu',
        expect.stringContaining(
          `${number}：电镀 金属纽扣（BTN-01），应于 11-23 14:00 回厂，已逾期 5 小时 30 分钟`,
        ),
      ],
      ['sunli', expect.stringContaining(`外发单 ${number} 已逾期 5 小时 30 分钟`)],
    ]);
  });

  it('two server instances on one database send each reminder once', async () => {
    const first = await start();
    const second = await startWorld({ db: first.db, clock: first.clock });
    worlds.push(second);
    const number = await first.order({ expectedReturnAt: local('14:00') });
    const both = async (when: Date) => {
      first.clock.set(when);
      await together([() => run(first), () => run(second), () => run(first), () => run(second)]);
    };
    for (const when of [local('10:00'), local('14:01'), local('16:00'), local('18:00'), local('22:00')])
      await both(when);
    const rows = await first.orm.em
      .fork()
      .find(OutboxMessage, { dedupeKey: { $like: 'osr:%' } }, { orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.recipientKey)).toEqual([
      'chenshifu',
      'chenshifu',
      'chenshifu',
      'chenshifu',
      'sunli',
      'chenshifu',
      'lijianguo',
    ]);
    expect(await first.orm.em.fork().count(OutsourcingReminder, { order: { number } })).toBe(7);
  });

  it('a contact with no chat account is texted through the SMS provider, once, even by two instances', async () => {
    const first = await start();
    const second = await startWorld({ db: first.db, clock: first.clock });
    worlds.push(second);
    const number = await first.order({
      partnerCode: 'P-POLISH',
      quantity: 300,
      expectedReturnAt: local('14:00'),
    });
    const sms = new FakeSmsProvider();
    sms.failures.push({ ok: false, retryable: true, error: 'isv.BUSINESS_LIMIT_CONTROL' });
    first.clock.set(local('14:01'));
    await run(first, sms);
    expect(sms.sent).toEqual([]);
    await together([() => run(first, sms), () => run(second, sms), () => run(second, sms)]);
    expect(sms.sent).toEqual([
      {
        phone: '13800000103',
        text: `外发单${number}（BTN-01 300件）应于11-23 14:00回厂，已逾期1 分钟，请尽快送回。`,
        params: { number, product: 'BTN-01', due: '11-23 14:00', late: '1 分钟' },
      },
    ]);
    expect(await first.pushedTo('wanglaoban')).toEqual([]);
    const [reminder] = await first.orm.em.fork().find(OutsourcingReminder, { order: { number } });
    expect(reminder).toMatchObject({ kind: 'overdue', smsStatus: 'sent', smsAttempts: 2 });
    await run(second, sms);
    expect(sms.sent).toHaveLength(1);
    expect(await first.orm.em.fork().count(OutsourcingReminder)).toBe(1);
  });

  it('without an SMS provider, an unreachable contact’s reminder goes to the coordinator instead', async () => {
    const world = await start();
    const number = await world.order({
      partnerCode: 'P-POLISH',
      quantity: 300,
      expectedReturnAt: local('14:00'),
    });
    expect(await at(world, local('14:01'))).toEqual([
      [
        'sunli',
        `🔴 外发单 ${number} 已逾期 1 分钟：精磨抛光（联系人 王老板）的 金属纽扣（BTN-01） 还有 300 件未回，原定 11-23 14:00。`,
      ],
    ]);
  });
});
