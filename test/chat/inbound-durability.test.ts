import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../../src/chat/commands/command.js';
import type { ChatFeature } from '../../src/chat/feature.js';
import type { InboundEvent } from '../../src/chat/inbound-event.js';
import { InboundRecord } from '../../src/chat/inbound/inbound-record.entity.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import {
  RESUME_GRACE_MS,
  RESUME_MAX_ATTEMPTS,
  resumeUnhandledInbound,
} from '../../src/chat/inbound/resume-inbound.js';
import { ManualClock } from '../../src/shared/clock.js';
import { copyTestTemplate } from '../support/database.js';
import { consoleText } from '../support/console-events.js';
import { castYaml } from '../support/people.js';
import { tallyEntries, tallyFeature } from '../support/tally-feature.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** `慢记 N`: tallies like 记一笔, but waits inside its transaction until the test lets it go on. */
function slowTally() {
  let entered = () => {};
  const inside = new Promise<void>((resolve) => (entered = resolve));
  let goOn = () => {};
  const held = new Promise<void>((resolve) => (goOn = resolve));
  const command: Command = {
    name: '慢记',
    aliases: [],
    roles: ['worker', 'team_lead', 'supervisor'],
    help: '慢慢记一笔',
    args: [{ name: 'quantity', label: '数量', kind: 'quantity' }],
    async run(ctx, args) {
      entered();
      await held;
      ctx.audit('tally.add', 'tally', 'main', { quantity: args.quantity });
      ctx.reply(`已记 ${String(args.quantity)}。`);
    },
  };
  return { feature: { commands: [command] } satisfies ChatFeature, inside, goOn };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('inbound events stored before they are handled', () => {
  let app: TestApp;
  let slow: ReturnType<typeof slowTally>;
  beforeEach(async () => {
    slow = slowTally();
    app = await startTestApp({ factory: castYaml, features: [tallyFeature, slow.feature] });
  });
  afterEach(async () => {
    await app.stop();
  });

  const event = (id: string, text: string) => consoleText(app.clock, id, text);
  const resume = () =>
    resumeUnhandledInbound({ orm: app.orm, clock: app.clock, logger: app.logger, engine: app.chat.engine });
  const unhandledCount = () => app.orm.em.fork().count(InboundRecord, { handledAt: null });

  it('a redelivery, and the resume job, arriving while the first delivery is being handled: one effect, one answer', async () => {
    const first = app.chat.engine.handle(event('slow-1', '慢记 4'));
    // No query here: on SQLite the one pooled connection is the held transaction's.
    await slow.inside;
    const again = app.chat.engine.handle(event('slow-1', '慢记 4'));
    app.clock.advance(RESUME_GRACE_MS + 1000);
    const resumed = resume();
    await pause(300);
    slow.goOn();

    // The first delivery stored the row and does not lock it (one query less a message): on
    // MariaDB the redelivery may take the row and commit first; the handled mark, set only where
    // unset, then rolls the first one back. SQLite lets one writer in at a time: the first wins.
    const outcomes = await Promise.all([first, again]);
    expect(outcomes.map((o) => o.replies)).toEqual(Array(2).fill([{ kind: 'text', text: '已记 4。' }]));
    const { resumed: resumedCount, failed } = await resumed;
    expect(failed).toBe(0);
    expect(outcomes.filter((o) => !o.duplicate).length + resumedCount).toBe(1);
    expect((await tallyEntries(app.orm.em)).map((e) => e.details.quantity)).toEqual([4]);
    // Only a resumed pass answers through the outbox; one that found it handled adds nothing.
    expect(await app.chat.dispatcher.drainOnce()).toBe(resumedCount);
  });

  it('an event younger than the grace period is left to the request that stored it', async () => {
    await app.chat.engine.record(event('young-1', '记一笔 2'));
    app.clock.advance(RESUME_GRACE_MS - 1000);
    expect(await resume()).toEqual({ resumed: 0, failed: 0 });
    expect(await tallyEntries(app.orm.em)).toEqual([]);
  });

  it('a domain unique conflict inside the effect is an error, not a redelivery; after the last retry the sender is told it took no effect', async () => {
    const { feature } = conflictingFeature();
    await app.stop();
    app = await startTestApp({ factory: castYaml, features: [feature] });
    await expect(app.chat.engine.handle(event('clash-1', '撞号'))).rejects.toThrow(/unique|duplicate/i);
    expect(await unhandledCount()).toBe(1);
    // The same conflict on every try: the resume job gives up after a few attempts.
    for (let i = 0; i < RESUME_MAX_ATTEMPTS + 1; i++) {
      app.clock.advance(RESUME_GRACE_MS + 1000);
      await resume();
    }
    const [record] = await app.orm.em.fork().find(InboundRecord, { platformMessageId: 'clash-1' });
    expect(record).toMatchObject({ resumeAttempts: RESUME_MAX_ATTEMPTS });
    // Closed with an answer: the sender learns it took no effect instead of waiting forever.
    expect(record?.handledAt).not.toBeNull();
    const outbox = await app.orm.em.fork().findAll(OutboxMessage);
    const told = outbox.map((o) => o.content).filter((c) => c.kind === 'text' && c.text.includes('撞号'));
    expect(told.map((c) => (c.kind === 'text' ? c.text : ''))).toEqual([
      '您发的「撞号」多次处理失败，没有生效。请稍后重新发送；如果一直这样，请联系管理员。',
    ]);
  });
});

/** `撞号`: writes the same audit id twice, a unique conflict of the domain's own making. */
function conflictingFeature() {
  const command: Command = {
    name: '撞号',
    aliases: [],
    roles: ['worker', 'team_lead', 'supervisor'],
    help: '制造一次唯一键冲突',
    args: [],
    async run(ctx) {
      ctx.audit('tally.add', 'tally', 'main', { quantity: 1 });
      await ctx.em.flush();
      await ctx.em
        .getConnection()
        .execute('insert into audit_log select * from audit_log', [], 'run', ctx.em.getTransactionContext());
    },
  };
  return { feature: { commands: [command] } satisfies ChatFeature };
}

describe('a crash between storing and handling', () => {
  it('the stored event is handled after the restart, its answer through the outbox, once', async () => {
    const db = await copyTestTemplate('migrated');
    const clock = new ManualClock();
    try {
      const before = await startTestApp({ db, clock, factory: castYaml, features: [tallyFeature] });
      const stored: InboundEvent = {
        kind: 'text',
        channel: 'console',
        platformMessageId: 'crash-1',
        senderId: 'zhangwei',
        conversation: { kind: 'direct' },
        receivedAt: clock.now(),
        text: '记一笔 6',
      };
      // What the callback route does before it answers; the process then dies before handling.
      await before.chat.engine.record(stored);
      await before.stop();

      clock.advance(RESUME_GRACE_MS + 1000);
      const after = await startTestApp({ db, clock, factory: castYaml, features: [tallyFeature] });
      const resume = () =>
        resumeUnhandledInbound({
          orm: after.orm,
          clock,
          logger: after.logger,
          engine: after.chat.engine,
        });
      expect(await resume()).toEqual({ resumed: 1, failed: 0 });
      expect(await resume()).toEqual({ resumed: 0, failed: 0 });
      await after.chat.dispatcher.drainOnce();
      expect(after.console.deliveredTo('zhangwei')).toEqual([{ kind: 'text', text: '已记 6。' }]);
      expect((await tallyEntries(after.orm.em)).map((e) => e.details.quantity)).toEqual([6]);
      await after.stop();
    } finally {
      await db.drop();
    }
  });
});
