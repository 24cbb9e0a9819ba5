import type { EntityManager } from '@mikro-orm/core';
import type { Orm } from '../../db/orm.js';
import { peopleWithRole } from '../../people/directory.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { ChannelAdapter, DeliveryResult } from '../channel.js';
import { chatMessages as m } from '../messages.js';
import type { Outbox } from './outbox.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { earliestAllowed } from './pacing.js';
import { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';

export interface DispatcherDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  outbox: Outbox;
  channels: ReadonlyMap<string, ChannelAdapter>;
  policy?: RetryPolicy;
}

const ALERT_PREFIX = 'dead-alert:';

/**
 * Delivers what the outbox holds. A message is claimed with a conditional UPDATE (one
 * dispatcher wins, on any number of instances), paced under the channel's limits, sent once,
 * and retried with back-off only when the platform said it was not delivered.
 */
export class OutboxDispatcher {
  private readonly policy: RetryPolicy;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly deps: DispatcherDeps) {
    this.policy = deps.policy ?? defaultRetryPolicy;
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => this.nudge(), intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs a pass now unless one is already under way. */
  nudge(): void {
    if (this.running) return;
    this.running = this.drainOnce()
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'outbox pass failed');
        return 0;
      })
      .finally(() => (this.running = undefined));
  }

  /** One pass over the due messages; returns how many were sent. */
  async drainOnce(batch = 50): Promise<number> {
    const em = this.deps.orm.em.fork();
    const now = this.deps.clock.now();
    const reachable = this.reachable();
    if (reachable.length === 0) return 0;
    const due = await em.find(
      OutboxMessage,
      {
        $and: [
          { $or: reachable },
          {
            $or: [
              { status: 'pending', nextAttemptAt: { $lte: now } },
              { status: 'sending', leaseUntil: { $lt: now } },
            ],
          },
        ],
      },
      { orderBy: { id: 'asc' }, limit: batch },
    );
    let sent = 0;
    const paced = new Set<string>();
    for (const message of due) {
      const lane = `${message.channel}|${message.recipientKey}`;
      if (paced.has(lane)) continue; // keep a recipient's messages in order
      const outcome = await this.deliverOne(em, message);
      if (outcome === 'sent') sent += 1;
      if (outcome === 'paced') paced.add(lane);
    }
    return sent;
  }

  /** Which channels, and on a channel that says so which recipients, this process delivers to. */
  private reachable(): Array<{ channel: string; recipientKey?: { $in: string[] } }> {
    return [...this.deps.channels.values()].flatMap((adapter) => {
      const keys = adapter.recipientKeys?.();
      if (keys === undefined) return [{ channel: adapter.name }];
      return keys.length === 0 ? [] : [{ channel: adapter.name, recipientKey: { $in: [...keys] } }];
    });
  }

  private async deliverOne(
    em: EntityManager,
    message: OutboxMessage,
  ): Promise<'sent' | 'paced' | 'failed' | 'lost'> {
    const adapter = this.deps.channels.get(message.channel);
    if (!adapter) return 'lost';
    const now = this.deps.clock.now();
    const waitUntil = await earliestAllowed(em, message.channel, message.recipientKey, adapter.limits, now);
    if (waitUntil) {
      await em.nativeUpdate(
        OutboxMessage,
        { id: message.id, status: message.status },
        { nextAttemptAt: waitUntil },
      );
      return 'paced';
    }
    if (!(await this.claim(em, message, now))) return 'lost';
    const attempt = message.attempts + 1;
    let result: DeliveryResult;
    try {
      result = await adapter.deliver({
        messageId: message.id,
        recipientKey: message.recipientKey,
        content: message.content,
        attempt,
      });
    } catch (error) {
      result = { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
    }
    return this.record(em, message, attempt, result);
  }

  private async claim(em: EntityManager, message: OutboxMessage, now: Date): Promise<boolean> {
    const leaseUntil = new Date(now.getTime() + this.policy.leaseMs);
    const claimed = await em.nativeUpdate(
      OutboxMessage,
      {
        id: message.id,
        $or: [
          { status: 'pending', nextAttemptAt: { $lte: now } },
          { status: 'sending', leaseUntil: { $lt: now } },
        ],
      },
      { status: 'sending', leaseUntil },
    );
    return claimed === 1;
  }

  private async record(
    em: EntityManager,
    message: OutboxMessage,
    attempt: number,
    result: DeliveryResult,
  ): Promise<'sent' | 'failed'> {
    const now = this.deps.clock.now();
    if (result.ok) {
      await em.nativeUpdate(
        OutboxMessage,
        { id: message.id },
        {
          status: 'sent',
          attempts: attempt,
          sentAt: now,
          leaseUntil: null,
          lastError: null,
          delivery: result.details ?? null,
        },
      );
      return 'sent';
    }
    const dead = !result.retryable || attempt >= this.policy.maxAttempts;
    const delay = Math.max(result.retryAfterMs ?? 0, backoffDelay(this.policy, attempt));
    await em.nativeUpdate(
      OutboxMessage,
      { id: message.id },
      {
        status: dead ? 'dead' : 'pending',
        attempts: attempt,
        leaseUntil: null,
        lastError: result.error,
        nextAttemptAt: new Date(now.getTime() + delay),
      },
    );
    this.deps.logger.warn(
      { messageId: message.id, channel: message.channel, attempt, dead, error: result.error },
      'delivery failed',
    );
    if (dead) await this.alertAdmins(message, result.error);
    return 'failed';
  }

  /** Admins hear about a dead letter once; a dead alert raises no alert of its own. */
  private async alertAdmins(message: OutboxMessage, error: string): Promise<void> {
    if (message.dedupeKey?.startsWith(ALERT_PREFIX)) return;
    await this.deps.orm.em.fork().transactional(async (tx) => {
      for (const admin of await peopleWithRole(tx, 'admin')) {
        await this.deps.outbox.enqueue(
          tx,
          { kind: 'person', personId: admin.id },
          {
            kind: 'text',
            text: m.deadLetterAlert(message.personId ?? message.recipientKey, message.channel, error),
          },
          { dedupeKey: `${ALERT_PREFIX}${message.id}:${admin.id}` },
        );
      }
    });
  }
}
