import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { PointEntry } from '../../src/incentives/point-entry.entity.js';
import { ManualClock } from '../../src/shared/clock.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { MONDAY_0910 } from './incentives-demo.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `[${r.kind}]`));

describe('the demo seeded on a Monday morning, under the built-in rules', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp({ clock: new ManualClock(MONDAY_0910) });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('has a scored week before any job has run: 积分 shows points', async () => {
    expect(await app.orm.em.fork().count(PointEntry, { source: 'rule' })).toBeGreaterThan(0);
    expect(texts(await app.as('zhangwei').say('积分'))).toEqual([
      [
        '张伟的积分：本周 0 分，累计 14 分。',
        '最近记录：',
        '· 11-29 16:30 +1 报工（WO-DEMO-003 车削 合格 8 件）',
        '· 11-29 15:30 +1 报工（WO-DEMO-001 车削 合格 20 件，报废 1 件）',
        '· 11-29 10:30 +1 报工（WO-DEMO-003 车削 合格 12 件，报废 1 件）',
        '· 11-29 08:00 +3 当班全部按时报工（11-29 白班，2 道工序）',
        '· 11-27 16:00 +1 报工（WO-DEMO-001 车削 合格 30 件）',
      ].join('\n'),
    ]);
  });

  it('排行 on a week nobody has scored in yet shows last week under it', async () => {
    expect(texts(await app.as('zhangwei').say('排行'))).toEqual([
      [
        '本周（11-30—12-06）暂无人得分，上周：',
        '积分排行 · 上周（11-23—11-29）',
        '个人榜：',
        '🥇 吴军 16 分',
        '🥈 张伟 14 分',
        '🥉 马玲 12 分',
        // Equal points share a place: a tie is not split by name.
        '4. 胡杰 8 分',
        '4. 刘洋 8 分',
        '4. 徐强 8 分',
        '7. 郭林 6 分',
        '7. 何平 6 分',
        '7. 孙浩 6 分',
        '7. 杨帆 6 分',
        '班组榜（人均积分 · 报工率）：',
        '1. 冲压组 人均 8.4 分 · 报工率 100.0%',
        '2. 数控组 人均 5.6 分 · 报工率 100.0%',
        '3. 精整组 人均 4 分 · 报工率 100.0%',
      ].join('\n'),
    ]);
    // Once somebody scores this week, 排行 is this week's board alone.
    app.clock.set('2026-11-30T02:00:00Z');
    await app.as('zhangwei').say('完工 WO-DEMO-001 2');
    const [thisWeek] = texts(await app.as('zhangwei').say('排行'));
    expect(thisWeek?.split('\n').slice(0, 3)).toEqual([
      '积分排行 · 本周（11-30—12-06）',
      '个人榜：',
      '🥇 张伟 1 分',
    ]);
  });
});
