import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAsText } from '../../src/channels/console/render-text.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const titles = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'card' ? r.card.title : r.kind === 'text' ? r.text : r.kind));

describe('the console session', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp();
  }, 200_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('numbers every card it shows, and #n.m, #n m or #n <button> taps a button of any of them', async () => {
    const zhangwei = app.as('zhangwei');
    const listed = await zhangwei.say('我的任务');
    expect(listed.map((r) => renderAsText(r, { cardNumber: zhangwei.number(r) }).split('\n')[0])).toEqual([
      '┌ #1 WO-DEMO-003 · 10 车削',
      '┌ #2 WO-DEMO-001 · 10 车削',
      '┌ #3 WO-DEMO-005 · 10 车削',
    ]);
    expect(titles(await zhangwei.say('#9 开工'))).toEqual(['没有卡片 #9。']);
    expect(titles(await zhangwei.say('#1.5'))).toEqual(['没有第 5 个按钮。']);
    expect(titles(await zhangwei.say('#2 开工'))).toEqual(['卡片 #2 上没有「开工」按钮。']);

    // A button of card 3 by its name.
    expect(titles(await zhangwei.say('#3 开工'))).toEqual([
      '已开工：WO-DEMO-005「车削」，设备 CNC-01。完工时点卡片上的「完工」或发送「完工 WO-DEMO-005 数量」。',
    ]);
    const task = await app.orm.em
      .fork()
      .findOneOrFail(OperationTask, { workOrder: { number: 'WO-DEMO-005' }, sequence: 10 });
    expect(task.status).toBe('in_progress');

    // #1.2 taps 其他数量 on card 1, an older card than the last.
    expect(titles(await zhangwei.say('#1.2'))).toEqual([
      'WO-DEMO-003「车削」完工多少件？还剩 39 件。回复数量即可，例如「39」或「39 报废 2」。',
    ]);
    expect(titles(await zhangwei.say('取消'))).toEqual(['好的，已取消。']);
    // #1 2, as people type it, is #1.2.
    expect(titles(await zhangwei.say('#1 2'))).toEqual([
      'WO-DEMO-003「车削」完工多少件？还剩 39 件。回复数量即可，例如「39」或「39 报废 2」。',
    ]);
    // After a question in words, a bare number is the answer, not a button of the last card.
    expect(titles(await zhangwei.say('2'))).toEqual([
      expect.stringMatching(/^已报工（报工号 B\d+）：WO-DEMO-003「车削」合格 2 件。还剩 37 件。/),
    ]);

    // A button named by its first word: 「完工」 is 「完工 38 件」, the only button starting so.
    expect(titles(await zhangwei.say('#2 完工'))).toEqual([
      expect.stringMatching(/^已报工（报工号 B\d+）：WO-DEMO-001「车削」合格 38 件。本工序已完成。/),
    ]);
  });

  it('开工 typed answers with the task card, and a bare number taps that card', async () => {
    const liuyang = app.as('liuyang');
    const started = await liuyang.say('开工 WO-DEMO-006');
    expect(started.map((r) => renderAsText(r, { cardNumber: liuyang.number(r) }))).toEqual([
      '已开工：WO-DEMO-006「车削」，设备 CNC-01。完工时点卡片上的「完工」或发送「完工 WO-DEMO-006 数量」。',
      expect.stringMatching(
        /^┌ #1 WO-DEMO-006 · 10 车削\n[^]*│ 状态：进行中\n[^]*└ \[1\] 完工 50 件 {2}\[2\] 其他数量$/,
      ),
    ]);
    expect(titles(await liuyang.say('2'))).toEqual([
      'WO-DEMO-006「车削」完工多少件？还剩 50 件。回复数量即可，例如「50」或「50 报废 2」。',
    ]);
  });

  it('我的任务 lists every task, the workable ones first, and shows the rest on 下一页', async () => {
    // Give 张伟 every open task of the shop: some wait for an earlier operation.
    const em = app.orm.em.fork();
    await em.nativeUpdate(
      OperationTask,
      { status: { $in: ['pending', 'dispatched'] } },
      { status: 'dispatched', assignee: 'zhangwei', team: null },
    );
    const zhangwei = app.as('zhangwei');
    const first = await zhangwei.say('我的任务');
    const cards = first.filter((r) => r.kind === 'card');
    expect(cards).toHaveLength(5);
    const open = await em.fork().count(OperationTask, {
      status: { $in: ['dispatched', 'in_progress'] },
      $or: [{ assignee: 'zhangwei' }, { assignee: null, team: 'cnc' }],
    });
    expect(titles(first).at(-1)).toBe(`还有 ${open - 5} 个任务，发送「下一页」查看。`);

    const pages = [first];
    while (titles(pages.at(-1)!).at(-1)?.startsWith('还有')) pages.push(await zhangwei.say('下一页'));
    const all = pages.flat().filter((r) => r.kind === 'card');
    expect(all).toHaveLength(open);
    expect(new Set(all.map((c) => (c.kind === 'card' ? c.card.title : ''))).size).toBe(open);
    // Workable cards offer 完工 or 开工; the ones waiting for an earlier operation come last.
    const workable = all.map(
      (c) => c.kind === 'card' && c.card.fields.some((f) => f.label === '剩余' && f.value !== '0 件'),
    );
    expect(workable).toEqual([...workable].sort((a, b) => Number(b) - Number(a)));
    expect(workable).toContain(false);
    expect(titles(await zhangwei.say('下一页'))).toEqual([
      '没有「下一页」这个命令。发送「帮助」查看可用命令。',
    ]);
  });
});
