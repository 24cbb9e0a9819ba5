import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import type { CardView } from '../../src/chat/cards/card-view.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { castYaml } from '../support/people.js';
import { tallyEntries, tallyFeature } from '../support/tally-feature.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

function cardIn(replies: OutboundContent[]): CardView {
  const card = replies.find((r) => r.kind === 'card');
  if (card?.kind !== 'card') throw new Error('expected a card');
  return card.card;
}

describe('cards', () => {
  let app: TestApp;
  const as = (personId: string) => new ConsoleSession(app.chat.engine, app.clock, personId);
  beforeAll(async () => {
    app = await startTestApp({ factory: castYaml, features: [tallyFeature] });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('carry opaque keys, never the operation', async () => {
    const card = cardIn(await as('wangfang').say('计数板'));
    expect(card.buttons).toEqual([
      { key: expect.stringMatching(/^[A-Za-z0-9]{12}\.0$/), text: '加一', style: 'primary' },
    ]);
    expect(JSON.stringify(card)).not.toContain('plus-one');
  });

  it('a tap by the right person acts; a tap by someone without the role changes nothing and says why', async () => {
    const card = cardIn(await as('wangfang').say('计数板'));
    const before = (await tallyEntries(app.orm.em)).length;
    // The supervisor received the card forwarded: the server checks the tapper, not the card.
    expect(await as('lijianguo').tap(1, card)).toEqual([
      { kind: 'text', text: '只有班组长可以在卡片上加一。' },
    ]);
    expect(await tallyEntries(app.orm.em)).toHaveLength(before);
    expect(await as('wangfang').tap(1, card)).toEqual([{ kind: 'text', text: '已记 1。' }]);
    expect(await tallyEntries(app.orm.em)).toHaveLength(before + 1);
  });

  it('a card the world has moved past is refused as stale', async () => {
    const lead = as('wangfang');
    const card = cardIn(await lead.say('计数板'));
    await as('zhangwei').say('记一笔 5');
    const before = (await tallyEntries(app.orm.em)).length;
    const replies = await lead.tap(1, card);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      kind: 'text',
      text: expect.stringMatching(/^这张卡片已过期：合计已变为 \d+。请以最新的卡片为准。$/),
    });
    expect(await tallyEntries(app.orm.em)).toHaveLength(before);
  });

  it('a forged or unknown key is refused', async () => {
    const session = as('wangfang');
    const outcome = await session.deliver({
      kind: 'card_action',
      channel: 'console',
      platformMessageId: 'forged-1',
      senderId: 'wangfang',
      conversation: { kind: 'direct' },
      receivedAt: app.clock.now(),
      actionKey: 'plus-one',
      selections: {},
    });
    expect(outcome.replies).toEqual([{ kind: 'text', text: '这张卡片已失效，请重新获取。' }]);
  });
});
