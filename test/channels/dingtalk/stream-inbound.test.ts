import { TOPIC_CARD, TOPIC_ROBOT } from 'dingtalk-stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditEntry } from '../../../src/chat/audit/audit-entry.entity.js';
import type { ChatFeature } from '../../../src/chat/feature.js';
import { features } from '../../../src/features.js';
import type { FakeDingtalkOptions } from '../../fakes/dingtalk/server.js';
import { castYaml } from '../../support/people.js';
import { CNC_GROUP, DINGTALK_APP, startDingtalkWorld, textOf, type DingtalkWorld } from './dingtalk-world.js';
import { jpeg } from '../../support/photos.js';

/** A command that waits inside the engine's transaction until the test lets it finish or fail. */
function gatedFeature() {
  let enter!: () => void;
  let finish!: (outcome: 'commit' | 'fail') => void;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  const outcome = new Promise<'commit' | 'fail'>((resolve) => (finish = resolve));
  let calls = 0;
  const feature: ChatFeature = {
    commands: [
      {
        name: '慢慢来',
        aliases: [],
        roles: 'everyone',
        help: '测试用：等测试放行',
        args: [],
        async run(ctx) {
          calls += 1;
          if (calls === 1) {
            enter();
            if ((await outcome) === 'fail') throw new Error('the database connection was lost');
          }
          ctx.audit('gate.passed', 'gate', 'main');
          ctx.reply('好了');
        },
      },
    ],
  };
  return { feature, entered, finish };
}

describe('DingTalk in: Stream frames through the real SDK into the chat engine', () => {
  let world: DingtalkWorld;
  const start = async (extra: ChatFeature[] = [], fake: Partial<FakeDingtalkOptions> = {}) => {
    world = await startDingtalkWorld({ fake, app: { factory: castYaml, features: [...features, ...extra] } });
    return world;
  };
  afterEach(async () => {
    await world.stop();
  });

  const groupMessage = (content: string, senderStaffId = 'zhangwei') => ({
    conversationType: '2' as const,
    conversationId: CNC_GROUP,
    conversationTitle: '数控组',
    senderStaffId,
    text: { content },
  });

  it('subscribes the robot and card topics on the gateway of DINGTALK_API_BASE, and never prints the secret', async () => {
    const { fake, sdkConsole } = await start();
    const [connection] = fake.connections();
    expect(connection?.subscriptions).toEqual(
      expect.arrayContaining([
        { type: 'CALLBACK', topic: TOPIC_ROBOT },
        { type: 'CALLBACK', topic: TOPIC_CARD },
        { type: 'EVENT', topic: '*' },
      ]),
    );
    const printed = sdkConsole().join('\n');
    expect(printed).not.toContain(DINGTALK_APP.clientSecret);
    // The SDK's debug output (it includes the whole config, secret and all) stays off.
    expect(printed).not.toContain('Connecting to dingtalk websocket');
    const ready = (await (await fetch(`${world.app.baseUrl}/readyz`)).json()) as { checks: unknown[] };
    expect(ready.checks).toContainEqual({ name: 'dingtalk-stream', ok: true });
  });

  it('given 张伟 in the CNC group, when he sends “@机器人 帮助”, then the frame is ACKed once recorded and the help answers in the group through the session webhook', async () => {
    const { fake, app } = await start();
    const pushed = fake.pushRobotMessage(groupMessage('@机器人 帮助'));
    expect(await fake.waitForAck(pushed.messageId)).toMatchObject({ code: 200, data: { response: null } });
    expect(await world.inboundRecords()).toMatchObject([
      { platformMessageId: pushed.payload.msgId, kind: 'text', senderId: 'zhangwei', personId: 'zhangwei' },
    ]);

    expect(await app.chat.dispatcher.drainOnce()).toBe(1);
    const [reply, ...more] = fake.sessionWebhookMessages();
    expect(more).toEqual([]);
    expect(reply?.conversationId).toBe(CNC_GROUP);
    expect(textOf(reply?.body ?? {})).toMatch(/^张伟，您可以发送：\n/);
    expect(textOf(reply?.body ?? {})).toContain('\n· 我的任务 — ');
    // The session webhook is free: nothing counted against the monthly quota.
    expect(fake.groupMessages()).toEqual([]);
    expect(fake.apiCallsThisMonth()).toBe(0);
  });

  it('when the session webhook has expired before the reply goes out, the same answer goes through groupMessages/send', async () => {
    const { fake, app, clock } = await start();
    const pushed = fake.pushRobotMessage(groupMessage(' 帮助'));
    await fake.waitForAck(pushed.messageId);
    clock.advance(91 * 60_000);

    expect(await app.chat.dispatcher.drainOnce()).toBe(1);
    expect(fake.sessionWebhookMessages()).toEqual([]);
    const [sent, ...more] = fake.groupMessages();
    expect(more).toEqual([]);
    expect(sent).toMatchObject({
      robotCode: DINGTALK_APP.robotCode,
      openConversationId: CNC_GROUP,
      msgKey: 'sampleText',
    });
    expect(String(sent?.msgParam.content)).toMatch(/^张伟，您可以发送：/);
    expect(await world.budgetCalls()).toBe(fake.apiCallsThisMonth());
    expect(fake.apiCallsThisMonth()).toBe(1);
  });

  it('one-to-one: the text is answered through its session webhook, and through oToMessages/batchSend once that has expired', async () => {
    const { fake, app, clock } = await start();
    const live = fake.pushRobotMessage({ senderStaffId: 'liuyang', text: { content: '帮助' } });
    await fake.waitForAck(live.messageId);
    await app.chat.dispatcher.drainOnce();
    expect(fake.sessionWebhookMessages().map((m) => m.conversationId)).toEqual([live.payload.conversationId]);

    const later = fake.pushRobotMessage({ senderStaffId: 'liuyang', text: { content: '取消' } });
    await fake.waitForAck(later.messageId);
    clock.advance(91 * 60_000);
    await app.chat.dispatcher.drainOnce();
    expect(fake.sessionWebhookMessages()).toHaveLength(1);
    expect(fake.oneToOneMessages()).toMatchObject([
      {
        userIds: ['liuyang'],
        msgKey: 'sampleText',
        msgParam: { content: '现在没有需要取消的对话。' },
        deliveredTo: ['liuyang'],
      },
    ]);
  });

  it('the same message delivered twice — the same frame again, or a new frame with the same msgId — is ACKed each time but recorded and answered once', async () => {
    const { fake, app } = await start();
    const pushed = fake.pushRobotMessage(groupMessage('@机器人 帮助'));
    await fake.waitForAck(pushed.messageId);
    fake.redeliver(pushed.messageId);
    const again = fake.pushRobotMessage({ ...pushed.payload });
    await vi.waitFor(() => {
      expect(fake.acks().filter((a) => a.messageId === pushed.messageId)).toHaveLength(2);
      expect(fake.acks().filter((a) => a.messageId === again.messageId)).toHaveLength(1);
    });
    expect(again.messageId).not.toBe(pushed.messageId);
    expect(await world.inboundRecords()).toHaveLength(1);
    await app.chat.dispatcher.drainOnce();
    expect(fake.sessionWebhookMessages()).toHaveLength(1);
  });

  it('a message is ACKed only after its effect is committed; one that fails is left unACKed and its redelivery takes effect once', async () => {
    const gate = gatedFeature();
    const { fake, app } = await start([gate.feature]);
    const pushed = fake.pushRobotMessage({ senderStaffId: 'zhangwei', text: { content: '慢慢来' } });
    await gate.entered;
    await sleep(150); // a premature ACK would have arrived by now
    expect(fake.acks().filter((a) => a.messageId === pushed.messageId)).toEqual([]);

    gate.finish('fail');
    fake.redeliver(pushed.messageId);
    await fake.waitForAck(pushed.messageId);
    await sleep(150); // let the failed first delivery settle; it must not ACK
    expect(fake.acks().filter((a) => a.messageId === pushed.messageId)).toHaveLength(1);
    expect(await app.orm.em.fork().count(AuditEntry, { action: 'gate.passed' })).toBe(1);
    await app.chat.dispatcher.drainOnce();
    expect(fake.sessionWebhookMessages().map((m) => textOf(m.body))).toEqual(['好了']);
  });

  it('on SYSTEM disconnect a new connection with a new ticket opens at once; the old one still answers what it carries, closes, and is not reopened', async () => {
    const { fake, app } = await start([], { disconnectCloseDelayMs: 1500 });
    const first = await fake.waitForConnection(1);
    fake.sendSystemDisconnect('rebalance');
    const second = await fake.waitForConnection(2, 1000);
    expect(fake.connections()[0]?.state).toBe('draining');
    expect(second.ticket).not.toBe(first.ticket);
    expect(second.subscriptions).toEqual(first.subscriptions);

    const onOld = fake.pushRobotMessage(groupMessage('@机器人 帮助'), { connectionId: first.id });
    const onNew = fake.pushRobotMessage(groupMessage('@机器人 帮助', 'liuyang'));
    expect(onNew.connectionId).toBe(second.id);
    expect((await fake.waitForAck(onOld.messageId)).connectionId).toBe(first.id);
    expect((await fake.waitForAck(onNew.messageId)).connectionId).toBe(second.id);

    expect((await fake.waitForClose(first.id, 5000)).closedBy).toBe('server');
    await sleep(1500); // 2.1.5 reconnects a closed connection after 1 s unless told not to
    expect(fake.connections().map((c) => c.state)).toEqual(['closed', 'open']);
    expect(await app.chat.dispatcher.drainOnce()).toBe(2);
    const answered = fake.sessionWebhookMessages().map((m) => textOf(m.body).slice(0, 3));
    expect(answered.sort()).toEqual(['刘洋，', '张伟，'].sort());
  });

  it('a picture and a file are answered too: the picture is acknowledged, the file gets the hint how to ask', async () => {
    const { fake, app } = await start();
    const downloadCode = fake.receivePicture(jpeg());
    const picture = fake.pushRobotMessage({
      senderStaffId: 'zhangwei',
      msgtype: 'picture',
      text: undefined,
      content: { downloadCode, pictureDownloadCode: 'pic-code-1' },
    });
    await fake.waitForAck(picture.messageId);
    const file = fake.pushRobotMessage({
      senderStaffId: 'zhangwei',
      msgtype: 'file',
      text: undefined,
      content: { downloadCode: 'dl-code-2', fileName: '图纸.pdf' },
    });
    await fake.waitForAck(file.messageId);
    expect((await world.inboundRecords()).map((r) => r.payload)).toEqual([
      expect.objectContaining({ kind: 'image', mediaId: downloadCode }),
      expect.objectContaining({ kind: 'text', text: '' }),
    ]);
    await app.chat.dispatcher.drainOnce();
    expect(fake.sessionWebhookMessages().map((m) => textOf(m.body))).toEqual([
      '已收到图片。如需上传照片，请先发送相应的命令。',
      '请发送命令，例如「帮助」。',
    ]);
  });

  it('settles EVENT frames with SUCCESS at once and answers pings', async () => {
    const { fake } = await start();
    const event = fake.pushEvent({ eventType: 'user_add_org', data: { userId: ['user009'] } });
    expect((await fake.waitForAck(event.messageId)).data).toEqual({ status: 'SUCCESS' });
    const ping = fake.sendPing();
    expect((await fake.waitForAck(ping.messageId)).data).toEqual(JSON.parse(ping.frame.data));
  });

  it('a person mentioned after the bot stays in the text: “@机器人 @刘洋 帮助” loses only the bot’s mention', async () => {
    const { fake } = await start();
    const pushed = fake.pushRobotMessage({
      ...groupMessage('@机器人 @刘洋 帮助', 'wangfang'),
      atUsers: [{ dingtalkId: '$:LWCP_v1:$bot' }, { dingtalkId: '$:LWCP_v1:$liuyang', staffId: 'liuyang' }],
    });
    await fake.waitForAck(pushed.messageId);
    const [record] = await world.inboundRecords();
    expect(record?.payload).toMatchObject({ kind: 'text', text: '@刘洋 帮助' });
  });
});
