import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkReport } from '../../../src/workorders/work-report.entity.js';
import type { FakeWecomBot } from '../../fakes/wecom-bot/server.js';
import type { DemoApp } from '../../support/demo-app.js';
import { CNC, startBotWorld, type BotWorld } from './bot-world.js';
import { lastReportLabel } from '../../support/reports.js';

describe('the WeCom intelligent bot over its long connection, with the real SDK', () => {
  let world: BotWorld;
  let fake: FakeWecomBot;
  let app: DemoApp;
  beforeEach(async () => {
    world = await startBotWorld({ WECOM_BOT_RECONNECT_MS: '20' });
    ({ fake, app } = world);
  });
  afterEach(async () => {
    await world.stop();
  });

  const streamText = (body: Record<string, unknown>) =>
    String((body.stream as { content?: string } | undefined)?.content ?? '');
  const reports = () => app.orm.em.fork().count(WorkReport, {});

  it('answers @机器人 帮助 in a bound group on the same request id', async () => {
    const reqId = fake.pushMessage({ chattype: 'group', chatid: CNC, userid: 'zhangwei', content: '帮助' });
    const reply = await fake.waitForReply(reqId);
    expect(streamText(reply.body)).toMatch(/^张伟，您可以发送：/);
    expect((reply.body.stream as { finish?: boolean }).finish).toBe(true);
  });

  type SentCard = { task_id: string; button_list: Array<{ text: string; key: string }> };
  type RedrawnCard = { task_id: string; horizontal_content_list: Array<{ keyname: string; value: string }> };
  const titleOf = (body: Record<string, unknown>) =>
    (body.template_card as { main_title: { title: string } }).main_title.title;
  /** @机器人 我的任务 in the 数控组 group: the reply on the request id carries the first card. */
  const myTasksInGroup = async () => {
    const reqId = fake.pushMessage({
      chattype: 'group',
      chatid: CNC,
      userid: 'zhangwei',
      content: '我的任务',
    });
    return (await fake.waitForReply(reqId)).body;
  };
  const clickInGroup = (card: SentCard, button: string) =>
    fake.pushEvent({
      eventtype: 'template_card_event',
      chattype: 'group',
      chatid: CNC,
      userid: 'zhangwei',
      taskId: card.task_id,
      eventKey: card.button_list.find((b) => b.text === button)?.key ?? '',
    });

  it('answers @机器人 我的任务 with the task cards, the first on the request id and the rest pushed to the group', async () => {
    expect(titleOf(await myTasksInGroup())).toBe('WO-DEMO-003 · 10 车削');
    await app.chat.dispatcher.drainOnce();
    for (const title of ['WO-DEMO-001 · 10 车削', 'WO-DEMO-005 · 10 车削']) {
      const sent = await fake.waitForProactiveSend((s) => s.chatid === CNC && titleOf(s.body) === title);
      expect(sent.msgtype).toBe('template_card');
    }
    expect(fake.proactiveSends().filter((s) => s.chatid === CNC)).toHaveLength(2);
  });

  it('a card click in the group acts once and redraws the card for everyone there', async () => {
    const card = (await myTasksInGroup()).template_card as SentCard;
    expect(card.button_list.map((b) => b.text)).toContain('完工 39 件');
    const before = await reports();
    const update = await fake.waitForReply(clickInGroup(card, '完工 39 件'));
    expect(update.cmd).toBe('aibot_respond_update_msg');
    const redrawn = update.body.template_card as RedrawnCard;
    expect(redrawn.task_id).toBe(card.task_id);
    expect(redrawn.horizontal_content_list).toContainEqual({ keyname: '状态', value: '已完成' });
    await app.chat.dispatcher.drainOnce();
    expect(
      fake.proactiveSends().filter((s) => s.chatid === CNC && JSON.stringify(s.body).includes('已报工')),
    ).toHaveLength(1);
    expect(await reports()).toBe(before + 1);
  });

  it('redraws the clicked card even when the outbox dispatcher takes the redraw first', async () => {
    const card = (await myTasksInGroup()).template_card as SentCard;
    // A dispatcher passing every millisecond claims the click's pending redraw rows as soon as
    // they are committed, as the one running every second in production sometimes does.
    app.chat.dispatcher.start(1);
    const update = await fake.waitForReply(clickInGroup(card, '完工 39 件'));
    await app.chat.dispatcher.stop();
    const redrawn = update.body.template_card as RedrawnCard;
    expect(redrawn.horizontal_content_list).toContainEqual({ keyname: '状态', value: '已完成' });
  });

  it('a duplicated frame has one effect', async () => {
    const before = await reports();
    const reqId = fake.pushMessage({ chattype: 'single', userid: 'zhangwei', content: '完工 WO-DEMO-001 4' });
    const first = await fake.waitForReply(reqId);
    fake.redeliver(reqId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(streamText(first.body)).toBe(
      `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-001「车削」合格 4 件。还剩 34 件。`,
    );
    expect(await reports()).toBe(before + 1);
  });

  it('pushes a reminder into a team group through the outbox', async () => {
    await app.orm.em
      .fork()
      .transactional((tx) =>
        app.chat.outbox.enqueue(
          tx,
          { kind: 'group', channel: 'wecom-bot', chatId: CNC },
          { kind: 'text', text: 'WO-DEMO-003 交期明天，请抓紧。' },
        ),
      );
    await app.chat.dispatcher.drainOnce();
    expect(
      fake
        .proactiveSends()
        .map((s) => [s.chatid, s.msgtype, (s.body.markdown as { content: string }).content]),
    ).toEqual([[CNC, 'markdown', 'WO-DEMO-003 交期明天，请抓紧。']]);
  });

  it('reconnects after the connection drops and answers the next message', async () => {
    fake.dropConnection();
    await fake.waitForConnection({ nth: 2, timeoutMs: 10_000 });
    const reqId = fake.pushMessage({ chattype: 'single', userid: 'zhangwei', content: '帮助' });
    expect(streamText((await fake.waitForReply(reqId)).body)).toMatch(/^张伟，您可以发送：/);
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
  });

  it('an unbound group or person gets the binding hint and nothing else changes', async () => {
    const before = await reports();
    const inStrangeGroup = fake.pushMessage({
      chattype: 'group',
      chatid: 'wrNobodysGroup',
      userid: 'zhangwei',
      content: '完工 WO-DEMO-001 1',
    });
    expect(streamText((await fake.waitForReply(inStrangeGroup)).body)).toMatch(/^这个群还没有绑定到班组/);
    const stranger = fake.pushMessage({
      chattype: 'single',
      userid: 'visitor-9',
      content: '完工 WO-DEMO-001 1',
    });
    expect(streamText((await fake.waitForReply(stranger)).body)).toMatch(
      /^您好！您的账号还没有和工厂里的人员绑定/,
    );
    expect(await reports()).toBe(before);
  });
});
