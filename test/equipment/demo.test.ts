import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { MAINTENANCE_WATCH_JOB } from '../../src/equipment/jobs/maintenance-watch.job.js';
import { REPAIR_LIMITS_JOB } from '../../src/equipment/jobs/repair-limits.job.js';
import { jobsOf } from '../../src/capabilities/assembled.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { textOf } from './world.js';

describe('equipment in the demo shop', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(async () => {
    await app.stop();
  });
  const say = async (personId: string, text: string) => (await app.as(personId).say(text)).map(textOf);

  it('设备 CNC-01 tells a story on first run: in repair today, spindle lubrication nearly due, last week’s repair', async () => {
    const [story] = await say('zhangwei', '设备 CNC-01');
    const lines = (story ?? '').split('\n');
    expect(lines[0]).toBe('🏭 CNC-01 数控车床 1 号 · 维修中');
    expect(lines[1]).toBe('累计运行 11785 小时；位置 一车间 A 区；型号 CK6150；投用 2019-05-20');
    expect(lines).toContainEqual('· 主轴润滑保养：运行到 11800 小时（还差 15 小时），即将到期');
    expect(lines).toContain('· 维修 R2「换刀时刀塔报警 E-1021」维修中（11-24 09:05 起，高远）');
    expect(lines).toContain('· 11-18 维修 R1「主轴异响，加工表面有振纹」验收归档，停机 2 小时 15 分钟');
    expect(lines).toContain('· 11-10 保养「主轴润滑保养」完成（高远）');
  });

  it('设备列表, 保养计划 and 我的维修 show the rest of the shop', async () => {
    const [list] = await say('lijianguo', '设备列表');
    expect(list).toEqual(
      expect.stringMatching(/PRESS-01 冲床 1 号 · 运行 · 152\d\d 小时 · 保养「冲床安全检查」已到期/),
    );
    expect(list).toEqual(expect.stringMatching(/GRIND-01 平面磨床 · 维修中 · 43\d\d 小时 · 维修 R3/));
    const [plans] = await say('lijianguo', '保养计划');
    expect(plans).toContain('【P1】主轴润滑保养：设备 CNC-01，每运行 500 小时，提前 24 小时提醒，负责 高远');
    expect(plans).toContain('【P2】冲床安全检查：所有「冲床」类设备，每 30 天，提前 3 天提醒，负责 冲压组');
    const mine = await say('gaoyuan', '我的维修');
    expect(mine).toEqual([
      '[维修 R2 · CNC-01 数控车床 1 号]',
      '[维修 R3 · GRIND-01 平面磨床]',
      '[保养 M2 · PRESS-01「冲床安全检查」]',
    ]);
  });

  it('a 报工 on CNC-01 checks its plans as soon as it is committed: the spindle heads-up goes out at once', async () => {
    const leadFor = () =>
      app.orm.em.fork().count(OutboxMessage, { recipientKey: 'gaoyuan', dedupeKey: { $like: 'lead:%' } });
    expect(await leadFor()).toBe(0);
    const [reported] = await say('zhangwei', '完工 WO-DEMO-001 5');
    expect(reported).toMatch(/^已报工（报工号 B\d+）：WO-DEMO-001「车削」合格 5 件/);
    const [lead] = await app.orm.em
      .fork()
      .find(OutboxMessage, { recipientKey: 'gaoyuan', dedupeKey: { $like: 'lead:%' } });
    expect(lead && textOf(lead.content)).toBe(
      '🔧 设备 CNC-01 数控车床 1 号 的保养「主轴润滑保养」即将到期：运行到 11800 小时（还差 13 小时）。请提前准备备件和停机时间。',
    );
  });

  it('the first scans chase the overdue press check and the untaken grinder ticket', async () => {
    app.clock.set(new Date(app.clock.now().getTime() + 10 * 60_000));
    for (const name of [MAINTENANCE_WATCH_JOB, REPAIR_LIMITS_JOB]) {
      await jobsOf(coreCapabilities, app.services)
        .find((d) => d.name === name)
        ?.run({ data: undefined as never, jobId: 'demo', touch: async () => {} });
    }
    const rows = await app.orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
    const texts = rows.map((r) => `${r.recipientKey}: ${textOf(r.content)}`);
    expect(texts).toContainEqual(
      expect.stringMatching(/^lijianguo: 🚨 升级 维修 R3（GRIND-01）「报修」已超时限 30 分钟/),
    );
    expect(texts.filter((t) => t.includes('主轴润滑保养」即将到期'))).toHaveLength(1);
    expect(texts).toContainEqual(
      expect.stringMatching(/^zhoumin: 🚨 升级 保养 M2（PRESS-01「冲床安全检查」）已逾期/),
    );
  });
});
