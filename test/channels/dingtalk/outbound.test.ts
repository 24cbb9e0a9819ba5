import { afterEach, describe, expect, it } from 'vitest';
import { DingtalkCallBudget } from '../../../src/channels/dingtalk/call-budget.entity.js';
import type { OutboundContent, Recipient } from '../../../src/chat/outbound.js';
import { features } from '../../../src/features.js';
import type { FakeDingtalkOptions } from '../../fakes/dingtalk/server.js';
import { castYaml } from '../../support/people.js';
import { CNC_GROUP, startDingtalkWorld, textOf, type DingtalkWorld } from './dingtalk-world.js';

const cncGroup: Recipient = { kind: 'group', channel: 'dingtalk', chatId: CNC_GROUP };
const person = (personId: string): Recipient => ({ kind: 'person', personId });
const text = (value: string): OutboundContent => ({ kind: 'text', text: value });

describe('DingTalk out: the outbox through the robot APIs', () => {
  let world: DingtalkWorld;
  const start = async (fake: Partial<FakeDingtalkOptions> = {}) => {
    world = await startDingtalkWorld({ fake, app: { factory: castYaml, features } });
    return world;
  };
  afterEach(async () => {
    await world.stop();
  });

  const push = async (recipient: Recipient, content: OutboundContent) => {
    await world.app.orm.em.fork().transactional(async (tx) => {
      await world.app.chat.outbox.enqueue(tx, recipient, content);
    });
  };
  const drain = () => world.app.chat.dispatcher.drainOnce();

  it('a group send refused for QPS is retried after the back-off and delivered once', async () => {
    const { fake, clock } = await start();
    fake.failNext('/v1.0/robot/groupMessages/send', 'qps');
    await push(cncGroup, text('今日 14:00 设备点检'));
    expect(await drain()).toBe(0);
    const [waiting] = await world.outbox();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting?.lastError).toContain('QpsLimitForAppkeyAndApi');
    expect(await drain()).toBe(0); // still backing off

    clock.advance(2_000);
    expect(await drain()).toBe(1);
    expect(await drain()).toBe(0);
    expect(fake.groupMessages()).toMatchObject([
      { openConversationId: CNC_GROUP, msgKey: 'sampleText', msgParam: { content: '今日 14:00 设备点检' } },
    ]);
    expect(await world.outbox()).toMatchObject([{ status: 'sent', attempts: 2, lastError: null }]);
  });

  it('a text longer than one robot message holds arrives whole, in parts, not cut off with …', async () => {
    const { fake } = await start();
    const lines = Array.from({ length: 400 }, (_, i) => `· 第 ${i + 1} 行：异常 WO-DEMO-001 缺料`);
    await push(cncGroup, text(lines.join('\n')));
    while ((await drain()) > 0);
    const parts = fake.groupMessages().map((m) => String(m.msgParam.content));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(12_000);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('a 1:1 send whose recipient comes back flow-controlled is sent again later and arrives once', async () => {
    const { fake, clock } = await start();
    fake.failNext('/v1.0/robot/oToMessages/batchSend', 'flowControl');
    await push(person('liuyang'), text('您有新任务'));
    expect(await drain()).toBe(0);
    clock.advance(30_000);
    expect(await drain()).toBe(0); // flow control is waited out for a minute
    clock.advance(30_000);
    expect(await drain()).toBe(1);
    expect(fake.oneToOneMessages().map((m) => [m.deliveredTo, m.flowControlledStaffIdList])).toEqual([
      [[], ['liuyang']],
      [['liuyang'], []],
    ]);
  });

  it('a reply the session webhook refuses as too fast goes out through the API at once; the webhook serves the next one', async () => {
    const { fake } = await start();
    const said = fake.pushRobotMessage({
      conversationType: '2',
      conversationId: CNC_GROUP,
      senderStaffId: 'zhangwei',
      text: { content: '取消' },
    });
    await fake.waitForAck(said.messageId);
    fake.failNext('/robot/sendBySession', 'flowControl');
    expect(await drain()).toBe(1);
    expect(fake.groupMessages().map((m) => m.msgParam.content)).toEqual(['现在没有需要取消的对话。']);
    await push(cncGroup, text('收到'));
    expect(await drain()).toBe(1);
    expect(fake.sessionWebhookMessages().map((m) => textOf(m.body))).toEqual(['收到']);
  });

  it('a 1:1 send DingTalk took but never answered is not sent again: DingTalk has no duplicate check, so an admin decides', async () => {
    const { fake, clock } = await start();
    fake.failNext('/v1.0/robot/oToMessages/batchSend', 'cutAfterAccepting');
    await push(person('liuyang'), text('WO-7 已改到明早交货'));
    await drain();
    clock.advance(10 * 60_000);
    await drain();
    const toLiuyang = fake.oneToOneMessages().filter((m) => m.deliveredTo.includes('liuyang'));
    expect(toLiuyang.map((m) => m.msgParam.content)).toEqual(['WO-7 已改到明早交货']);
    const [message] = (await world.outbox()).filter((m) => m.lastError?.includes('DingTalk gave no answer'));
    expect(message).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('a person unknown to DingTalk is a permanent failure, not retried', async () => {
    const { fake } = await start({ staffIds: ['zhangwei'] });
    await push(person('liuyang'), text('您有新任务'));
    await drain();
    expect(await world.outbox()).toMatchObject([
      { recipientKey: 'liuyang', status: 'dead', lastError: 'liuyang is not a staffId of this organisation' },
      { recipientKey: 'zhaolei', content: { kind: 'text' } }, // the admin hears about the dead letter
    ]);
    // Tried once; the admin's alert goes out in the same drain.
    expect(fake.oneToOneMessages().map((m) => m.userIds)).toEqual([['liuyang'], ['zhaolei']]);
  });

  it('one access token serves a burst; it is renewed five minutes before it expires, and at once when DingTalk refuses it', async () => {
    const { fake, clock } = await start();
    for (const id of ['zhangwei', 'liuyang', 'wangfang']) await push(person(id), text(`早上好，${id}`));
    await push(cncGroup, text('早班开始'));
    expect(await drain()).toBe(4);
    expect(fake.tokenCalls()).toEqual([{ api: 'oauth2', granted: true, at: expect.any(Number) as unknown }]);

    clock.advance(7200_000 - 4 * 60_000);
    await push(cncGroup, text('午休'));
    expect(await drain()).toBe(1);
    expect(fake.tokenCalls()).toHaveLength(2);

    fake.expireAllTokens();
    await push(cncGroup, text('下班'));
    expect(await drain()).toBe(1);
    expect(fake.tokenCalls()).toHaveLength(3);
    const refused = fake.requests().filter((r) => r.status === 401);
    expect(refused).toHaveLength(1);
    expect((await world.outbox()).at(-1)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('deliveries running at the same time share one token request, and each is counted once', async () => {
    const { fake, app } = await start();
    const adapter = app.chat.channels.get('dingtalk');
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        adapter?.deliver({
          messageId: n,
          recipientKey: `group:${CNC_GROUP}`,
          content: text(`第 ${n} 条`),
          attempt: 1,
          queuedAt: app.clock.now(),
        }),
      ),
    );
    expect(results).toEqual(
      Array.from({ length: 5 }, () => expect.objectContaining({ ok: true }) as unknown),
    );
    expect(fake.tokenCalls()).toHaveLength(1);
    expect(fake.groupMessages()).toHaveLength(5);
    expect(await world.budgetCalls()).toBe(5);
  });

  it('the digest chart is uploaded once and sent by its media id', async () => {
    const { fake } = await start();
    const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
    await push(person('lijianguo'), { kind: 'image', title: '昨日产量', png });
    expect(await drain()).toBe(1);
    const [upload] = fake.mediaUploads();
    expect(upload).toMatchObject({ type: 'image', size: 8 });
    expect(fake.oneToOneMessages()).toMatchObject([
      { userIds: ['lijianguo'], msgKey: 'sampleImageMsg', msgParam: { photoURL: upload?.mediaId } },
    ]);
  });

  it('counts the month’s metered calls as DingTalk does, never the free ones', async () => {
    const { fake } = await start();
    const said = fake.pushRobotMessage({ senderStaffId: 'zhangwei', text: { content: '帮助' } });
    await fake.waitForAck(said.messageId);
    await push(cncGroup, text('一'));
    await push(person('liuyang'), text('二'));
    await push(person('wangfang'), {
      kind: 'image',
      title: '图',
      png: Buffer.from('png').toString('base64'),
    });
    fake.failNext('/v1.0/robot/groupMessages/send', 'qps');
    expect(await drain()).toBe(3); // the help reply through the session webhook, 二, and the picture
    world.clock.advance(5_000);
    expect(await drain()).toBe(1);
    expect(fake.sessionWebhookMessages()).toHaveLength(1);
    expect(fake.apiCallsThisMonth()).toBe(4);
    expect(await world.budgetCalls()).toBe(4);
  });

  it('given 4,999 calls this month, the call that reaches half the free budget tells the admins, once', async () => {
    const { fake, clock } = await start();
    await world.app.orm.em.fork().insert(DingtalkCallBudget, {
      month: '2026-11',
      calls: 4_999,
      noticedPercent: 0,
      updatedAt: clock.now(),
    });
    await push(cncGroup, text('第 5000 次'));
    await push(cncGroup, text('第 5001 次'));
    await drain();
    await drain();
    expect(await world.budgetCalls()).toBe(5_002); // two group sends and the notice itself
    const toAdmin = fake.oneToOneMessages().filter((m) => m.userIds.includes('zhaolei'));
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]?.msgParam.content).toMatch(
      /^钉钉接口调用提醒：本月（2026-11）机器人已调用钉钉接口 5000 次，达到免费版组织每月 10000 次额度的 50%。/,
    );
  });

  it('when DingTalk says the monthly quota is spent, the send is given up and the admin is told through a live session webhook', async () => {
    const { fake } = await start({ monthlyQuota: 0 });
    const said = fake.pushRobotMessage({ senderStaffId: 'zhaolei', text: { content: '帮助' } });
    await fake.waitForAck(said.messageId);
    await push(cncGroup, text('月底提醒'));
    await drain();
    await drain();
    const rows = await world.outbox();
    expect(rows.find((r) => r.recipientKey === `group:${CNC_GROUP}`)).toMatchObject({
      status: 'dead',
      attempts: 1,
    });
    expect(fake.groupMessages()).toEqual([]);
    const told = fake.sessionWebhookMessages().map((m) => textOf(m.body));
    expect(told).toContainEqual(
      expect.stringMatching(/^钉钉接口调用已达上限：本月（2026-11）钉钉拒绝了机器人的接口调用/),
    );
  });
});
