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
  const dispatcherWith = (channel: ChannelAdapter) =>
    new OutboxDispatcher({
      orm: app.orm,
      clock: app.clock,
      logger: createLogger('silent'),
      outbox: app.chat.outbox,
      channels: new Map([['console', channel]]),
      policy: { ...defaultRetryPolicy, maxAttempts: 4 },
    });
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
});
