import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import { InboundRecord } from '../../src/chat/inbound/inbound-record.entity.js';
import { ManualClock } from '../../src/shared/clock.js';
import { copyTestTemplate } from '../support/database.js';
import { consoleText } from '../support/console-events.js';
import { castYaml } from '../support/people.js';
import { tallyEntries, tallyFeature } from '../support/tally-feature.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('exactly-once inbound', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp({ factory: castYaml, features: [tallyFeature] });
  });
  afterEach(async () => {
    await app.stop();
  });

  const event = (id: string, text: string) => consoleText(app.clock, id, text);

  it('the same event delivered three times has one effect and gets three identical answers', async () => {
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await app.chat.engine.handle(event('msg-1', '记一笔 7')));
    expect(outcomes.map((o) => o.replies)).toEqual(Array(3).fill([{ kind: 'text', text: '已记 7。' }]));
    expect(outcomes.map((o) => o.duplicate)).toEqual([false, true, true]);
    expect((await tallyEntries(app.orm.em)).map((e) => e.details.quantity)).toEqual([7]);
  });

  it('three deliveries racing each other still have one effect', async () => {
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => app.chat.engine.handle(event('msg-race', '记一笔 9'))),
    );
    expect(outcomes.map((o) => o.replies)).toEqual(Array(3).fill([{ kind: 'text', text: '已记 9。' }]));
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect((await tallyEntries(app.orm.em)).map((e) => e.details.quantity)).toEqual([9]);
  });

  it('a refused request is recorded with its answer, so a redelivery repeats the refusal and changes nothing', async () => {
    const first = await app.chat.engine.handle(event('msg-big', '记一笔 5000000'));
    const again = await app.chat.engine.handle(event('msg-big', '记一笔 5000000'));
    expect(again).toEqual({ ...first, duplicate: true });
    expect(first.replies).toEqual([{ kind: 'text', text: '一次最多记 1000000，您输入了 5000000。' }]);
    expect(await tallyEntries(app.orm.em)).toEqual([]);
    expect(await app.orm.em.fork().count(InboundRecord, { platformMessageId: 'msg-big' })).toBe(1);
  });

  it('every change records who, when, through which channel and from which inbound event', async () => {
    await new ConsoleSession(app.chat.engine, app.clock, 'zhangwei').say('记一笔 3', 'msg-audit');
    const [entry] = await tallyEntries(app.orm.em);
    const inbound = await app.orm.em.fork().findOneOrFail(InboundRecord, { platformMessageId: 'msg-audit' });
    expect(entry).toMatchObject({
      actorId: 'zhangwei',
      channel: 'console',
      inboundEventId: inbound.id,
      at: app.clock.now(),
    });
    expect(inbound.personId).toBe('zhangwei');
  });
});

describe('open questions across restarts', () => {
  it('a question asked before a restart is answered after it, by a new instance', async () => {
    const db = await copyTestTemplate('migrated');
    const clock = new ManualClock();
    try {
      const before = await startTestApp({ db, clock, factory: castYaml, features: [tallyFeature] });
      const asked = await new ConsoleSession(before.chat.engine, clock, 'zhangwei').say('记一笔');
      await before.stop();
      expect(asked).toEqual([{ kind: 'text', text: '记多少？' }]);

      const after = await startTestApp({ db, clock, factory: castYaml, features: [tallyFeature] });
      const replies = await new ConsoleSession(after.chat.engine, clock, 'zhangwei').say('五十');
      expect(replies).toEqual([{ kind: 'text', text: '已记 50。' }]);
      expect((await tallyEntries(after.orm.em)).map((e) => e.details.quantity)).toEqual([50]);
      await after.stop();
    } finally {
      await db.drop();
    }
  });
});
