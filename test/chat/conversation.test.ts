import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { castYaml } from '../support/people.js';
import { tallyEntries, tallyFeature } from '../support/tally-feature.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));

describe('talking to the bot through the console channel', () => {
  let app: TestApp;
  const as = (personId: string) => new ConsoleSession(app.chat.engine, app.clock, personId);

  beforeAll(async () => {
    app = await startTestApp({ factory: castYaml, features: [tallyFeature] });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('帮助 lists what the asker may use: a worker does not see the supervisor-only board', async () => {
    const [worker] = texts(await as('zhangwei').say('帮助'));
    const [supervisor] = texts(await as('lijianguo').say('help'));
    expect(worker).toContain('张伟，您可以发送：');
    expect(worker).toContain('记一笔 [<数量>] — 在计数板上加一个数');
    expect(worker).not.toContain('计数板 —');
    expect(supervisor).toContain('计数板 — 查看计数板卡片');
  });

  it('suggests the closest command for a typo, among the commands the person may use', async () => {
    expect(texts(await as('zhangwei').say('帮主'))).toEqual([
      '没有「帮主」这个命令。您是不是想说「帮助」？发送「帮助」查看可用命令。',
    ]);
    expect(texts(await as('zhangwei').say('hlep'))).toEqual([
      '没有「hlep」这个命令。您是不是想说「帮助」？发送「帮助」查看可用命令。',
    ]);
    expect(texts(await as('zhangwei').say('计数版'))[0]).not.toContain('计数板'); // a worker may not use it
    expect(texts(await as('wangfang').say('计数版'))[0]).toContain('您是不是想说「计数板」');
    // An answer typed after its question has gone is no typo of 帮助's one-character alias `?`.
    expect(texts(await as('zhangwei').say('是'))).toEqual(['没有「是」这个命令。发送「帮助」查看可用命令。']);
  });

  it('reads Chinese numerals, 万, full-width digits and spaces', async () => {
    const before = (await tallyEntries(app.orm.em)).length;
    const worker = as('zhangwei');
    expect(texts(await worker.say('记一笔 两千三'))).toEqual(['已记 2300。']);
    expect(texts(await worker.say('记一笔 1.2万'))).toEqual(['已记 12000。']);
    expect(texts(await worker.say('ｔａｌｌｙ　５０'))).toEqual(['已记 50。']);
    expect(texts(await worker.say('记一笔 一百二十'))).toEqual(['已记 120。']);
    const added = (await tallyEntries(app.orm.em)).slice(before).map((e) => e.details.quantity);
    expect(added).toEqual([2300, 12000, 50, 120]);
  });

  it('explains a bad argument with the usage line and changes nothing', async () => {
    const before = (await tallyEntries(app.orm.em)).length;
    expect(texts(await as('zhangwei').say('记一笔 很多'))).toEqual([
      '「很多」不是有效的数量，请输入数字，例如 50 或 五十。\n用法：记一笔 [<数量>]',
    ]);
    expect(texts(await as('zhangwei').say('记一笔 3 4'))).toEqual([
      '多余的内容：「4」。\n用法：记一笔 [<数量>]',
    ]);
    expect(texts(await as('zhangwei').say('记一笔 2000000'))).toEqual([
      '一次最多记 1000000，您输入了 2000000。',
    ]);
    expect(await tallyEntries(app.orm.em)).toHaveLength(before);
  });

  it('refuses a command to a role that may not use it', async () => {
    expect(texts(await as('zhangwei').say('计数板'))).toEqual(['「计数板」只有车间主任、班组长可以使用。']);
  });

  it('取消 ends an open question', async () => {
    const worker = as('liuyang');
    expect(texts(await worker.say('记一笔'))).toEqual(['记多少？']);
    expect(texts(await worker.say('取消'))).toEqual(['好的，已取消。']);
    expect(texts(await worker.say('五十'))[0]).toContain('没有「五十」这个命令');
    expect(texts(await worker.say('取消'))).toEqual(['现在没有需要取消的对话。']);
  });

  it('an expired question is not answered by a late reply', async () => {
    const worker = as('liuyang');
    await worker.say('记一笔');
    app.clock.advance(31 * 60_000);
    expect(texts(await worker.say('七'))).toEqual(['上一个问题已经超时，请重新发送命令。']);
  });

  it('a sender bound to nobody is told whom to ask, and the admin hears about it once', async () => {
    const stranger = as('wx-stranger-1');
    const first = texts(await stranger.say('帮助'));
    const second = texts(await stranger.say('完工 50'));
    expect(first).toEqual([
      '您好！您的账号还没有和工厂里的人员绑定，暂时不能使用。请联系管理员 赵磊 为您绑定。',
    ]);
    expect(second).toEqual(first);
    const alerts = await app.orm.em.fork().find(OutboxMessage, { recipientKey: 'zhaolei' });
    expect(alerts.map((a) => a.content)).toEqual([
      {
        kind: 'text',
        text: '有未绑定的用户在控制台给机器人发消息：wx-stranger-1（“帮助”）。如需使用，请在 factory.yaml 的 people 中为其添加 console: wx-stranger-1。',
      },
    ]);
  });
});

describe('groups the factory has not bound to a team', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ factory: castYaml, features: [tallyFeature] });
  });
  afterAll(async () => {
    await app.stop();
  });

  const inGroup = (chatId: string, id: string, text: string) =>
    app.chat.engine.handle({
      kind: 'text',
      channel: 'dingtalk',
      platformMessageId: id,
      senderId: 'zhangwei',
      conversation: { kind: 'group', chatId, title: '三车间闲聊群' },
      receivedAt: app.clock.now(),
      text,
    });

  it('get the binding hint, run no command, and the admin learns the group id once', async () => {
    const first = await inGroup('cidSTRANGE', 'g-1', '记一笔 5');
    await inGroup('cidSTRANGE', 'g-2', '帮助');
    expect(first.replies).toEqual([
      { kind: 'text', text: '这个群还没有绑定到班组，机器人暂时不能在这里使用。请联系管理员 赵磊 绑定。' },
    ]);
    expect(await tallyEntries(app.orm.em)).toEqual([]);
    const alerts = await app.orm.em.fork().find(OutboxMessage, { recipientKey: 'zhaolei' });
    expect(alerts.map((a) => a.content)).toEqual([
      {
        kind: 'text',
        text: '有人在未绑定的群「三车间闲聊群」里 @ 了机器人（群 ID：cidSTRANGE）。如需使用，请在 factory.yaml 的 teams 中为对应班组添加 dingtalkGroup: cidSTRANGE。',
      },
    ]);
  });

  it('a bound group works as usual', async () => {
    expect((await inGroup('cidCNC001', 'g-3', '记一笔 5')).replies).toEqual([
      { kind: 'text', text: '已记 5。' },
    ]);
  });
});
