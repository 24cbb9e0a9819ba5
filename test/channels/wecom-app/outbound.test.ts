import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomApiClient } from '../../../src/channels/wecom-app/api-client.js';
import { createAppChat, getAppChat, updateAppChat } from '../../../src/channels/wecom-app/appchat.js';
import { appMenuFor, installMenu } from '../../../src/channels/wecom-app/menu.js';
import { features } from '../../../src/features.js';
import { OutboxMessage } from '../../../src/chat/outbox/outbox-message.entity.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { startFakeWecom } from '../../fakes/wecom-api/server.js';
import { startWecomWorld, type WecomWorld } from './wecom-world.js';

describe('sending through the WeCom app', () => {
  let world: WecomWorld;
  beforeEach(async () => {
    world = await startWecomWorld();
  });
  afterEach(async () => {
    await world.stop();
  });

  const push = async (personId: string, ...texts: string[]) => {
    await world.app.orm.em.fork().transactional(async (tx) => {
      for (const text of texts)
        await world.app.chat.outbox.enqueue(tx, { kind: 'person', personId }, { kind: 'text', text });
    });
  };
  const sentTexts = (to: string) =>
    world.fake
      .delivered('/cgi-bin/message/send')
      .filter((b) => b.touser === to)
      .map((b) => (b.text as { content: string }).content);
  const drainFor = async (ms: number, step = 1000) => {
    for (let t = 0; t < ms; t += step) {
      await world.app.chat.dispatcher.drainOnce();
      world.app.clock.advance(step);
    }
  };

  it("a supervisor's 帮助, longer than one WeCom text holds, arrives whole in parts that each fit", async () => {
    const seen = await world.driver.say('lijianguo', '帮助');
    const parts = sentTexts('lijianguo');
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(seen.map((s) => ('text' in s ? s.text : s))).toEqual(parts); // no truncated passive reply besides them
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(2048);
    const whole = parts.join('\n');
    expect(whole).toMatch(/^李建国，您可以发送：\n· 帮助 /);
    expect(whole).toMatch(/\n· 表单记录 .*\n发送「帮助 <命令>」.*\n发送「取消」可以结束正在进行的对话。$/);
    expect(world.fake.recorded.filter((r) => r.errcode === 45002)).toEqual([]);
  });

  it('a token WeCom revokes mid-run is fetched again once, and the message is delivered once', async () => {
    await push('zhangwei', '第一条');
    await world.app.chat.dispatcher.drainOnce();
    expect(world.fake.tokenCalls()).toBe(1);
    world.fake.revokeTokens();
    await push('zhangwei', '第二条');
    await world.app.chat.dispatcher.drainOnce();
    expect(world.fake.tokenCalls()).toBe(2);
    expect(sentTexts('zhangwei')).toEqual(['第一条', '第二条']);
  });

  it('refreshes the token five minutes before it expires, not after WeCom refuses it', async () => {
    await push('zhangwei', '早');
    await world.app.chat.dispatcher.drainOnce();
    world.app.clock.advance((7200 - 4 * 60) * 1000);
    await push('zhangwei', '晚');
    await world.app.chat.dispatcher.drainOnce();
    expect(world.fake.tokenCalls()).toBe(2);
    expect(world.fake.recorded.filter((r) => r.errcode === 42001)).toEqual([]);
  });

  it('after 45009 the message waits out the block and is delivered once', async () => {
    world.fake.failNext('/cgi-bin/message/send', 45009);
    await push('liuyang', '限流后补发');
    await drainFor(30_000);
    expect(sentTexts('liuyang')).toEqual([]);
    await drainFor(90_000);
    expect(sentTexts('liuyang')).toEqual(['限流后补发']);
    const [row] = await world.app.orm.em.fork().find(OutboxMessage, { recipientKey: 'liuyang' });
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a wrong secret is a dead letter at once, not a retry loop', async () => {
    world.fake.failNext('/cgi-bin/message/send', 48002);
    await push('liuyang', '无权限');
    await drainFor(5_000);
    const [row] = await world.app.orm.em.fork().find(OutboxMessage, { recipientKey: 'liuyang' });
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('stays under 30 messages a minute to one member, so WeCom drops none', async () => {
    await push('wangfang', ...Array.from({ length: 45 }, (_, i) => `第 ${i + 1} 条`));
    await drainFor(70_000);
    expect(world.fake.recorded.filter((r) => r.dropped)).toEqual([]);
    expect(sentTexts('wangfang')).toHaveLength(45);
  });

  it('a task card people received is redrawn in place with its response code when the task moves on', async () => {
    await world.driver.say('liuyang', '我的任务');
    await world.driver.tap('liuyang', '开工');
    await world.app.chat.dispatcher.drainOnce();
    const updates = world.fake.delivered('/cgi-bin/message/update_template_card');
    expect(updates).toHaveLength(1);
    // The driver taps the newest card with that button: WO-DEMO-006, 刘洋's own.
    const sentCard = world.fake.recorded
      .filter(
        (r) =>
          r.body?.msgtype === 'template_card' &&
          r.body.touser === 'liuyang' &&
          JSON.stringify(r.body.template_card).includes('"text":"开工"'),
      )
      .at(-1);
    expect(JSON.stringify(sentCard?.body)).toContain('WO-DEMO-006');
    expect(updates[0]).toMatchObject({ userids: ['liuyang'], response_code: sentCard?.answer.response_code });
    const card = updates[0]?.template_card as {
      horizontal_content_list: Array<{ keyname: string; value: string }>;
    };
    expect(card.horizontal_content_list).toContainEqual({ keyname: '状态', value: '进行中' });
  });
});

describe('the app menu', () => {
  it('is deleted and created again with scan-to-report, my tasks and help', async () => {
    const fake = await startFakeWecom({ corpId: 'wwc', secret: 's', agentId: 7 });
    try {
      const client = new WecomApiClient(
        { apiBase: fake.baseUrl, corpId: 'wwc', secret: 's', agentId: 7 },
        systemClock,
        createLogger('silent'),
      );
      expect((await installMenu(client, appMenuFor(features))).errcode).toBe(0);
      expect(fake.recorded.map((r) => [r.path, r.query.agentid])).toEqual([
        ['/cgi-bin/gettoken', undefined],
        ['/cgi-bin/menu/delete', '7'],
        ['/cgi-bin/menu/create', '7'],
      ]);
      expect(fake.recorded[2]?.body).toEqual({
        button: [
          { type: 'scancode_waitmsg', name: '扫码报工', key: 'scan_report' },
          { type: 'click', name: '我的任务', key: 'my_tasks' },
          { type: 'click', name: '帮助', key: 'help' },
        ],
      });
    } finally {
      await fake.close();
    }
  });

  it('puts the buttons past three under 更多, five at most, as WeCom allows', () => {
    const more = Object.fromEntries(['a', 'b', 'c', 'd'].map((k) => [k, `命令${k}`]));
    const menu = appMenuFor([...features, { menu: more }]);
    expect(menu.button.map((b) => b.name)).toEqual(['扫码报工', '我的任务', '更多']);
    expect(menu.button[2]?.sub_button?.map((b) => b.key)).toEqual(['help', 'a', 'b', 'c', 'd']);
    expect(() => appMenuFor([...features, { menu: { ...more, e: '命令e' } }])).toThrow(
      'the WeCom app menu has no room for: 命令e',
    );
  });
});

describe('groups the app creates', () => {
  it('are created for a team, read back, changed, and receive cards as markdown', async () => {
    const world = await startWecomWorld();
    try {
      const client = new WecomApiClient(
        { apiBase: world.fake.baseUrl, corpId: 'wwfactory0001', secret: 'app-secret', agentId: 1000002 },
        systemClock,
        createLogger('silent'),
      );
      const chatid = await createAppChat(client, {
        name: '数控组',
        owner: 'wangfang',
        userlist: ['wangfang', 'zhangwei'],
      });
      await updateAppChat(client, { chatid, add_user_list: ['liuyang'] });
      expect(await getAppChat(client, chatid)).toMatchObject({
        name: '数控组',
        owner: 'wangfang',
        userlist: ['wangfang', 'zhangwei', 'liuyang'],
      });
      await expect(
        createAppChat(client, { name: '一个人', owner: 'wangfang', userlist: ['wangfang'] }),
      ).rejects.toMatchObject({ userMessage: '建群至少需要两个成员。' });

      await world.driver.say('wangfang', '派工 WO-DEMO-001 30 数控组');
      await world.app.chat.dispatcher.drainOnce();
      const toGroup = world.fake.delivered('/cgi-bin/appchat/send').filter((b) => b.chatid === 'wrDemoCnc');
      expect(toGroup.map((b) => b.msgtype)).toEqual(['text', 'markdown']);
      expect(String((toGroup[1]?.markdown as { content: string }).content)).toContain(
        '**WO-DEMO-001 · 30 磨削**',
      );
    } finally {
      await world.stop();
    }
  });
});
