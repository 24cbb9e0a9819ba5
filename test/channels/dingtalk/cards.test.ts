import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditEntry } from '../../../src/chat/audit/audit-entry.entity.js';
import { defaultFactoryConfig } from '../../../src/capabilities/default-config.js';
import type { CardRecord } from '../../fakes/dingtalk/server.js';
import { startDemoApp, type DemoApp } from '../../support/demo-app.js';
import {
  CARD_TEMPLATE,
  DINGTALK_APP,
  startDingtalkWorld,
  textOf,
  type DingtalkWorld,
} from './dingtalk-world.js';

interface TemplateSpec {
  variables: Array<{ name: string }>;
  layout: Array<{ buttons?: Array<{ text: string; onTap: { params: Record<string, string> } }> }>;
}

const templateSpec = JSON.parse(
  readFileSync(new URL('../../../cards/dingtalk-task-card.json', import.meta.url), 'utf8'),
) as TemplateSpec;

describe('DingTalk cards', () => {
  let world: DingtalkWorld<DemoApp>;
  const start = async (cardTemplateId: string | undefined) => {
    world = await startDingtalkWorld({
      start: startDemoApp,
      app: { factory: { ...defaultFactoryConfig, dingtalk: cardTemplateId ? { cardTemplateId } : {} } },
    });
    return world;
  };
  afterEach(async () => {
    await world.stop();
  });

  const say = async (staffId: string, content: string) => {
    const pushed = world.fake.pushRobotMessage({ senderStaffId: staffId, text: { content } });
    await world.fake.waitForAck(pushed.messageId);
    await world.app.chat.dispatcher.drainOnce();
    return pushed;
  };
  /** 开工 recorded since the demo was seeded (the demo's own history has some). */
  const starts = () =>
    world.app.orm.em.fork().count(AuditEntry, { action: 'task.start', channel: { $ne: 'console' } });
  const cardOf = (cards: CardRecord[], title: string): CardRecord => {
    const card = cards.find((c) => c.cardParamMap.title === title);
    if (!card) throw new Error(`no card ${title} among ${cards.map((c) => c.cardParamMap.title).join(', ')}`);
    return card;
  };
  const tap = (card: CardRecord, slot = 1, userId = 'zhangwei') =>
    world.fake.pushCardCallback({
      outTrackId: card.outTrackId,
      userId,
      actionIds: [`button${slot}`],
      params: { actionKey: card.cardParamMap[`button${slot}Key`] ?? '' },
    });

  describe('with a card template in factory.yaml', () => {
    it('我的任务 sends each task as an interactive card in the 1:1 chat, filled from the template’s variables', async () => {
      const { fake } = await start(CARD_TEMPLATE);
      await say('zhangwei', '我的任务');
      const cards = fake.cards();
      expect(cards.map((c) => c.cardParamMap.title)).toEqual([
        'WO-DEMO-003 · 10 车削',
        'WO-DEMO-001 · 10 车削',
        'WO-DEMO-005 · 10 车削',
      ]);
      for (const card of cards) {
        expect(card).toMatchObject({
          cardTemplateId: CARD_TEMPLATE,
          spaceType: 'IM_ROBOT',
          spaceId: 'zhangwei',
          callbackType: 'STREAM',
        });
        expect(Object.keys(card.cardParamMap)).toEqual(templateSpec.variables.map((v) => v.name));
      }
      expect(cardOf(cards, 'WO-DEMO-001 · 10 车削').cardParamMap).toMatchObject({
        fields: expect.stringContaining('**剩余**：38 件') as unknown,
        button1Text: '完工 38 件',
        button1Style: 'blue',
        button2Text: '其他数量',
        button2Style: 'gray',
        button3Text: '',
      });
      // What each template button sends back is the key the adapter put in its slot.
      const buttons = templateSpec.layout.flatMap((part) => part.buttons ?? []);
      expect(buttons.map((b) => [b.text, b.onTap.params.actionKey])).toEqual(
        [1, 2, 3].map((n) => [`\${button${n}Text}`, `\${button${n}Key}`]),
      );
    });

    it('a tap on 开工 starts the task once though the frame comes twice; each ACK carries the redrawn card, so the outbox sends no PUT', async () => {
      const { fake, app } = await start(CARD_TEMPLATE);
      await say('zhangwei', '我的任务');
      const card = cardOf(fake.cards(), 'WO-DEMO-005 · 10 车削');
      expect(card.cardParamMap.button1Text).toBe('开工');

      const tapped = tap(card);
      const ack = await fake.waitForAck(tapped.messageId);
      expect(ack.problem).toBeUndefined();
      expect(ack.data).toMatchObject({
        response: {
          cardData: { cardParamMap: { button1Text: expect.stringMatching(/^完工 \d+ 件$/) as unknown } },
          cardUpdateOptions: { updateCardDataByKey: true },
        },
      });
      fake.redeliver(tapped.messageId);
      await vi.waitFor(() =>
        expect(fake.acks().filter((a) => a.messageId === tapped.messageId)).toHaveLength(2),
      );

      expect(await starts()).toBe(1);
      const onScreen = fake.card(card.outTrackId);
      expect(onScreen?.updates.map((u) => u.source)).toEqual(['callback', 'callback']);
      expect(onScreen?.cardParamMap.fields).toContain('**状态**：进行中');
      expect(onScreen?.cardParamMap.button2Text).toBe('其他数量');

      await app.chat.dispatcher.drainOnce();
      expect(fake.requests().filter((r) => r.method === 'PUT')).toEqual([]);
      expect(fake.card(card.outTrackId)?.updates).toHaveLength(2);
      expect(fake.sessionWebhookMessages().map((m) => textOf(m.body))).toEqual([
        expect.stringMatching(/^已开工：WO-DEMO-005「车削」/),
      ]);
    });

    it('a second tap on the old button is refused as stale and changes nothing; its ACK shows the card as it is now', async () => {
      const { fake } = await start(CARD_TEMPLATE);
      await say('zhangwei', '我的任务');
      const card = cardOf(fake.cards(), 'WO-DEMO-005 · 10 车削');
      await fake.waitForAck(tap(card).messageId);
      const again = tap(card);
      const ack = await fake.waitForAck(again.messageId);
      expect(await starts()).toBe(1);
      const now = fake.card(card.outTrackId)?.cardParamMap;
      expect(ack.data).toMatchObject({ response: { cardData: { cardParamMap: now } } });
      expect(now?.button1Key).not.toBe(card.cardParamMap.button1Key);
    });

    it('a change made by a typed command redraws the card people have, in place, with PUT', async () => {
      const { fake } = await start(CARD_TEMPLATE);
      await say('zhangwei', '我的任务');
      const card = cardOf(fake.cards(), 'WO-DEMO-005 · 10 车削');
      await say('zhangwei', '开工 WO-DEMO-005');
      const puts = fake.requests().filter((r) => r.method === 'PUT' && r.path === '/v1.0/card/instances');
      expect(puts).toMatchObject([{ status: 200, body: { outTrackId: card.outTrackId } }]);
      expect(fake.card(card.outTrackId)?.updates.map((u) => u.source)).toEqual(['api']);
      expect(fake.card(card.outTrackId)?.cardParamMap.button1Text).toMatch(/^完工 \d+ 件$/);
      // The typed 开工 also answers with the started card, as a new one: three listed, one answer.
      expect(fake.cards()).toHaveLength(4);
      expect(fake.cards().at(-1)?.cardParamMap.button1Text).toMatch(/^完工 \d+ 件$/);
    });
    it('a task dispatched to a team arrives in its group as a card; a member’s tap redraws it for the whole group', async () => {
      const { fake } = await start(CARD_TEMPLATE);
      await say('wangfang', '派工 WO-DEMO-001 30 @数控组');
      const [card, ...others] = fake.cards();
      expect(others).toEqual([]);
      expect(card).toMatchObject({ spaceType: 'IM_GROUP', spaceId: 'cidDemoCnc' });
      expect(card?.created).toMatchObject({
        openSpaceId: 'dtv1.card//IM_GROUP.cidDemoCnc',
        imGroupOpenDeliverModel: { robotCode: DINGTALK_APP.robotCode },
      });
      if (!card) return;

      const tapped = tap(card, 1, 'liuyang');
      await fake.waitForAck(tapped.messageId);
      expect(await starts()).toBe(1);
      expect(fake.card(card.outTrackId)?.updates).toMatchObject([
        {
          source: 'callback',
          cardParamMap: { fields: expect.stringContaining('**状态**：进行中') as unknown },
        },
      ]);
      await world.app.chat.dispatcher.drainOnce();
      // The group has no live session webhook (nobody @-ed the bot there): the reply goes by API.
      const inGroup = fake.groupMessages().filter((m) => m.openConversationId === 'cidDemoCnc');
      expect(inGroup.map((m) => String(m.msgParam.content))).toEqual([
        expect.stringContaining('数控组'), // the dispatch notice that came with the card
        expect.stringMatching(/^已开工：WO-DEMO-001「磨削」/),
      ]);
    });
  });

  describe('without a card template', () => {
    it('cards go out as ActionCards whose buttons post the tap back into the chat, where it acts on the card', async () => {
      const { fake } = await start(undefined);
      await say('zhangwei', '我的任务');
      expect(fake.cards()).toEqual([]);
      const sent = fake.oneToOneMessages();
      const single = sent.find((m) => m.msgKey === 'sampleActionCard');
      expect(sent.map((m) => m.msgKey)).toEqual([
        'sampleActionCard2',
        'sampleActionCard2',
        'sampleActionCard',
      ]);
      expect(single?.msgParam).toMatchObject({ title: '[卡片] WO-DEMO-005 · 10 车削', singleTitle: '开工' });
      const url = new URL(String(single?.msgParam.singleURL));
      expect(url.protocol).toBe('dtmd:');
      const posted = url.searchParams.get('content') ?? '';
      expect(posted).toMatch(/^开工 #[A-Za-z0-9]{12}\.0$/);

      await say('zhangwei', posted);
      expect(await starts()).toBe(1);
      expect(fake.sessionWebhookMessages().map((m) => textOf(m.body))).toContainEqual(
        expect.stringMatching(/^已开工：WO-DEMO-005「车削」/),
      );
    });
  });
});
