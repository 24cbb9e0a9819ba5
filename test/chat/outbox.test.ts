import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/channels/console/console-adapter.js';
import type { ChannelAdapter, DeliveryRequest, DeliveryResult } from '../../src/chat/channel.js';
import { OutboxDispatcher } from '../../src/chat/outbox/dispatcher.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { defaultRetryPolicy } from '../../src/chat/outbox/retry-policy.js';
import { createLogger } from '../../src/shared/logger.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Our own console channel, made to fail the way a platform does. */
class FlakyConsole implements ChannelAdapter {
  readonly name = 'console' as const;
  readonly limits = [{ scope: 'recipient' as const, windowMs: 60_000, max: 20 }];
  readonly inner = new ConsoleAdapter().reachEveryone();
  attempts = 0;
  readonly tried: number[] = [];
  constructor(private readonly failures: number) {}
  async deliver(request: DeliveryRequest): Promise<DeliveryResult> {
    this.attempts += 1;
    this.tried.push(request.messageId);
    if (this.attempts <= this.failures)
      return { ok: false, retryable: true, error: `busy (${this.attempts})` };
    return this.inner.deliver(request);
  }
}

describe('the outbox', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp({ factory: castYaml });
  });
  afterEach(async () => {
    await app.stop();
  });

  const enqueue = async (personId: string, texts: string[]) => {
    await app.orm.em.fork().transactional(async (tx) => {
      for (const text of texts)
        await app.chat.outbox.enqueue(tx, { kind: 'person', personId }, { kind: 'text', text });
    });
  };
  const dispatcherWith = (
    channel: ChannelAdapter,
    options: { roundSize?: number; concurrency?: number } = {},
  ) =>
    new OutboxDispatcher({
      orm: app.orm,
      clock: app.clock,
      logger: createLogger('silent'),
      outbox: app.chat.outbox,
      channels: new Map([['console', channel]]),
      policy: { ...defaultRetryPolicy, maxAttempts: 4 },
      ...options,
    });
  const enqueueTo = async (recipientKey: string, texts: string[]) => {
    await app.orm.em.fork().transactional(async (tx) => {
      for (const text of texts)
        await app.chat.outbox.enqueue(
          tx,
          { kind: 'address', channel: 'console', recipientKey },
          { kind: 'text', text },
        );
    });
  };
  const messages = () => app.orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });

  /** Runs passes as time goes by, the way the background loop would. */
  const runFor = async (dispatcher: OutboxDispatcher, ms: number, stepMs = 1000) => {
    for (let t = 0; t < ms; t += stepMs) {
      await dispatcher.drainOnce();
      app.clock.advance(stepMs);
    }
  };

  it('a message is written only if the change that caused it commits', async () => {
    await expect(
      app.orm.em.fork().transactional(async (tx) => {
        await app.chat.outbox.enqueue(
          tx,
          { kind: 'person', personId: 'zhangwei' },
          { kind: 'text', text: '不该发出' },
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await messages()).toEqual([]);
  });

  it('a channel that fails twice then succeeds delivers the message once, after backing off', async () => {
    const flaky = new FlakyConsole(2);
    await enqueue('zhangwei', ['第一条']);
    const dispatcher = dispatcherWith(flaky);
    expect(await dispatcher.drainOnce()).toBe(0);
    expect(await dispatcher.drainOnce()).toBe(0); // backing off: not due yet
    expect(flaky.attempts).toBe(1);
    await runFor(dispatcher, 120_000);
    expect(flaky.attempts).toBe(3);
    expect(flaky.inner.deliveredTo('zhangwei')).toEqual([{ kind: 'text', text: '第一条' }]);
    const [message] = await messages();
    expect(message).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('a channel that always fails ends in a dead letter, and the admin is alerted once', async () => {
    await enqueue('zhangwei', ['发不出去']);
    const broken = new FlakyConsole(Number.POSITIVE_INFINITY);
    await runFor(dispatcherWith(broken), 30 * 60_000, 10_000);
    const [dead, alert, ...rest] = await messages();
    expect(broken.tried.filter((id) => id === dead?.id)).toHaveLength(4);
    expect(dead).toMatchObject({ status: 'dead', attempts: 4, lastError: 'busy (4)' });
    expect(alert).toMatchObject({ recipientKey: 'zhaolei', dedupeKey: `dead-alert:${dead?.id}:zhaolei` });
    expect(alert?.content).toEqual({
      kind: 'text',
      text: '一条发给 zhangwei 的消息（console）多次发送失败，已停止重试：busy (4)',
    });
    // The alert went through the same broken channel and died too, without alerting about itself.
    expect(alert?.status).toBe('dead');
    expect(rest).toEqual([]);
  });

  it('a permanent refusal is not retried', async () => {
    await enqueue('zhangwei', ['配置错误']);
    const calls: number[] = [];
    const refusing: ChannelAdapter = {
      name: 'console',
      limits: [],
      deliver: async (request) => {
        calls.push(request.messageId);
        return { ok: false, retryable: false, error: '40001 invalid secret' };
      },
    };
    await runFor(dispatcherWith(refusing), 60_000);
    const [message] = await messages();
    expect(calls.filter((id) => id === message?.id)).toHaveLength(1);
    expect(message).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('100 messages to one person are paced within the per-recipient limit, in order, and all arrive', async () => {
    const console = new ConsoleAdapter().reachEveryone();
    await enqueue(
      'liuyang',
      Array.from({ length: 100 }, (_, i) => `消息 ${i + 1}`),
    );
    await enqueue('wangfang', ['别人的消息不受影响']);
    const dispatcher = dispatcherWith(console);
    await runFor(dispatcher, 6 * 60_000);
    const received = console.deliveredTo('liuyang').map((c) => (c.kind === 'text' ? c.text : ''));
    expect(received).toEqual(Array.from({ length: 100 }, (_, i) => `消息 ${i + 1}`));
    expect(console.deliveredTo('wangfang')).toHaveLength(1);
    const sentAt = (await messages())
      .filter((m) => m.recipientKey === 'liuyang')
      .map((m) => m.sentAt?.getTime() ?? NaN);
    for (const t of sentAt) {
      expect(sentAt.filter((s) => s > t - 60_000 && s <= t).length).toBeLessThanOrEqual(20);
    }
    // 100 at 20 a minute cannot take less than four whole windows.
    expect(Math.max(...sentAt) - Math.min(...sentAt)).toBeGreaterThanOrEqual(4 * 60_000);
  });

  it('two dispatchers on one database never send the same message twice', async () => {
    const console = new ConsoleAdapter([]).reachEveryone();
    await enqueue(
      'zhangwei',
      Array.from({ length: 40 }, (_, i) => `并发 ${i}`),
    );
    const a = dispatcherWith(console);
    const b = dispatcherWith(console);
    await Promise.all([a.drainOnce(), b.drainOnce(), a.drainOnce(), b.drainOnce()]);
    expect(console.delivered.map((d) => d.messageId).sort((x, y) => x - y)).toEqual(
      (await messages()).map((m) => m.id),
    );
  });

  describe('a send that kills the process', () => {
    /** A channel whose every send takes the process down: the answer never comes back. */
    class Crashing implements ChannelAdapter {
      readonly name = 'console' as const;
      readonly limits = [];
      readonly tried: number[] = [];
      private reached: () => void = () => undefined;
      constructor(private readonly windowMs: number | undefined) {}
      /** Resolves once the next send has started (the claim is committed by then). */
      sending(): Promise<void> {
        return new Promise((resolve) => (this.reached = resolve));
      }
      async deliver(request: DeliveryRequest): Promise<DeliveryResult> {
        this.tried.push(request.messageId);
        this.reached();
        return new Promise<DeliveryResult>(() => undefined);
      }
      async duplicateCheckWindowMs(): Promise<number | undefined> {
        return this.windowMs;
      }
    }
    /** Each pass is a fresh process; the last one's pass is left hanging, as if it died. */
    const crashOnce = async (channel: Crashing, hung: Array<Promise<number>>) => {
      const sending = channel.sending();
      hung.push(dispatcherWith(channel).drainOnce());
      await sending;
      app.clock.advance(defaultRetryPolicy.leaseMs + 1000);
    };

    it('uses up an attempt each time, and ends as a dead letter after the policy allows no more', async () => {
      await enqueue('zhangwei', ['每次都崩']);
      const crashing = new Crashing(60 * 60_000);
      const hung: Array<Promise<number>> = [];
      for (let i = 0; i < 4; i += 1) await crashOnce(crashing, hung);
      // One round: the alert it raises would go through the same crashing channel.
      expect(await dispatcherWith(crashing).drainRound()).toEqual({ taken: 1, sent: 0 });
      const [dead, alert] = await messages();
      expect(crashing.tried.filter((id) => id === dead?.id)).toHaveLength(4);
      expect(dead).toMatchObject({ status: 'dead', attempts: 4 });
      expect(dead?.lastError).toContain('outcome unknown after 4 attempts');
      expect(alert).toMatchObject({ recipientKey: 'zhaolei', status: 'pending' });
      expect(hung).toHaveLength(4);
    });

    it('is not sent again where nothing would drop the duplicate: a person hears of it instead', async () => {
      await enqueue('zhangwei', ['可能已发出']);
      const crashing = new Crashing(undefined);
      await crashOnce(crashing, []);
      await dispatcherWith(crashing).drainRound();
      const [message, alert] = await messages();
      expect(crashing.tried).toEqual([message?.id]);
      expect(message).toMatchObject({ status: 'dead', attempts: 1 });
      expect(message?.lastError).toContain('outcome unknown, not resent');
      expect(alert).toMatchObject({ recipientKey: 'zhaolei' });
    });
  });

  it("one recipient's paced backlog does not hold up a message to someone else", async () => {
    const console = new ConsoleAdapter().reachEveryone();
    await enqueue(
      'liuyang',
      Array.from({ length: 60 }, (_, i) => `积压 ${i + 1}`),
    );
    await enqueue('wangfang', ['马上要看到']);
    expect(await dispatcherWith(console).drainOnce()).toBe(21);
    expect(console.deliveredTo('wangfang')).toEqual([{ kind: 'text', text: '马上要看到' }]);
    expect(console.deliveredTo('liuyang')).toHaveLength(20);
    const queued = (await messages()).filter((m) => m.recipientKey === 'liuyang' && m.status === 'pending');
    expect(queued).toHaveLength(40);
  });

  it('a newcomer goes in the first round, ahead of backlogs queued before it; backlogs take turns, each in order', async () => {
    const console = new ConsoleAdapter([]).reachEveryone();
    for (let r = 1; r <= 10; r += 1)
      await enqueueTo(
        `busy-${r}`,
        Array.from({ length: 5 }, (_, i) => `${r}-${i + 1}`),
      );
    await enqueueTo('idle', ['新来的']);
    // One send at a time: with two, a round's sends may finish in either order, and the order of
    // delivery is what this test reads (parallel sending has its own test below).
    await dispatcherWith(console, { roundSize: 4, concurrency: 1 }).drainOnce();
    const order = console.delivered.map((d) => d.recipientKey);
    expect(order).toHaveLength(51);
    // Rounds of 4 lanes, none served yet, the shortest queue first: the newcomer is in the first.
    expect(order.indexOf('idle')).toBeLessThan(4);
    // Then round-robin: every busy recipient has its first message before anyone has a second.
    const firstOfEach = order.filter((key, i) => order.indexOf(key) === i);
    expect(order.slice(0, firstOfEach.length)).toEqual(firstOfEach);
    for (let r = 1; r <= 10; r += 1)
      expect(console.deliveredTo(`busy-${r}`).map((c) => (c.kind === 'text' ? c.text : ''))).toEqual(
        Array.from({ length: 5 }, (_, i) => `${r}-${i + 1}`),
      );
  });

  it('sends to different recipients in parallel, up to the concurrency', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: ChannelAdapter = {
      name: 'console',
      limits: [],
      deliver: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight -= 1;
        return { ok: true };
      },
    };
    for (let r = 1; r <= 20; r += 1) await enqueueTo(`r-${r}`, ['并行']);
    expect(await dispatcherWith(slow, { concurrency: 8 }).drainOnce()).toBe(20);
    expect(most).toBe(8);
  });
});
