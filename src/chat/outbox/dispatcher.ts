import pLimit from 'p-limit';
import type { Orm } from '../../db/orm.js';
import { peopleWithRole } from '../../people/directory.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import {
  DeliveryUnknownError,
  type ChannelAdapter,
  type DeliveryRequest,
  type DeliveryResult,
} from '../channel.js';
import { chatMessages as m } from '../messages.js';
import { takeableAt, takeableLaneHeads, type LaneHead, type Reach } from './lane-heads.js';
import type { Outbox } from './outbox.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { roundPacing } from './pacing.js';
import { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';

export interface DispatcherDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  outbox: Outbox;
  channels: ReadonlyMap<string, ChannelAdapter>;
  policy?: RetryPolicy;
  /** Sends in flight at once, each to a different recipient. */
  concurrency?: number;
  /** Lanes taken per round; small rounds let a newly busy recipient in soon. */
  roundSize?: number;
}

type Outcome = 'sent' | 'failed' | 'in-doubt' | 'lost';

const ALERT_PREFIX = 'dead-alert:';
const IN_DOUBT = 'no answer: ';

/**
 * Delivers what the outbox holds, in rounds: each round takes the head of up to `roundSize`
 * recipients' queues, the ones served longest ago first, and sends them in parallel. A
 * message is claimed with a conditional UPDATE that also counts the attempt (one dispatcher
 * wins, on any number of instances, and a message that kills the process every time still
 * runs out of attempts); it is paced under the channel's limits and retried with back-off
 * when the platform said it was not delivered. When nobody knows whether it was delivered
 * (a timeout, a crash, a lost "sent" update) it is sent again only where the platform drops
 * the duplicate itself; elsewhere it goes to a person as a dead letter.
 */
export class OutboxDispatcher {
  private readonly policy: RetryPolicy;
  private readonly concurrency: number;
  private readonly roundSize: number;
  private lastServed = new Map<string, number>();
  private rounds = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopping = false;

  constructor(private readonly deps: DispatcherDeps) {
    this.policy = deps.policy ?? defaultRetryPolicy;
    this.concurrency = deps.concurrency ?? 16;
    this.roundSize = deps.roundSize ?? 32;
  }

  start(intervalMs = 1000): void {
    this.stopping = false;
    this.timer = setInterval(() => this.nudge(), intervalMs);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    // A failed pass was already logged (nudge) or thrown to whoever asked for it (drainOnce).
    await this.running?.catch(() => undefined);
  }

  /** Runs a pass now unless one is already under way. */
  nudge(): void {
    if (this.running) return;
    this.exclusivePass().catch((error: unknown) => {
      this.deps.logger.error({ err: error }, 'outbox pass failed');
    });
  }

  /**
   * Rounds until nothing more can go out now; returns how many messages this pass sent. Waits
   * for a pass already under way first, so what was due when it was called has been tried
   * (sent, paced or backing off) when it returns.
   */
  async drainOnce(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    return this.exclusivePass();
  }

  /** One pass at a time per dispatcher: rounds run their recipients in parallel already. */
  private exclusivePass(): Promise<number> {
    const pass = this.runRounds().finally(() => {
      if (this.running === pass) this.running = undefined;
    });
    this.running = pass;
    return pass;
  }

  private async runRounds(): Promise<number> {
    let sent = 0;
    for (;;) {
      const round = await this.drainRound();
      sent += round.sent;
      // Every head taken changed state (sent, paced, backing off, claimed elsewhere), so this ends.
      if (round.taken === 0 || this.stopping) return sent;
    }
  }

  /** One round: at most one message per recipient, sent in parallel. */
  async drainRound(): Promise<{ taken: number; sent: number }> {
    const reach = this.reach();
    if (reach.length === 0) return { taken: 0, sent: 0 };
    const heads = await takeableLaneHeads(this.deps.orm.em.fork(), reach, this.deps.clock.now());
    const chosen = this.fairestFirst(heads).slice(0, this.roundSize);
    this.rounds += 1;
    for (const message of chosen) this.lastServed.set(laneOf(message), this.rounds);
    const cleared = await this.pace(chosen);
    const limit = pLimit(this.concurrency);
    // Every message is tried even when one fails; the first failure is raised once all settled.
    const settled = await Promise.allSettled(cleared.map((message) => limit(() => this.deliverOne(message))));
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const outcomes = settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed'));
    return { taken: chosen.length, sent: outcomes.filter((o) => o === 'sent').length };
  }

  /**
   * Lanes served longest ago (or never) first, round-robin; among those, short queues first,
   * so a newcomer with one message does not wait for a cycle through every backlog; then age.
   */
  private fairestFirst(lanes: LaneHead[]): OutboxMessage[] {
    const due = new Set(lanes.map((l) => laneOf(l.head)));
    // Forget lanes with nothing due, so the map stays as small as the queue.
    this.lastServed = new Map([...this.lastServed].filter(([lane]) => due.has(lane)));
    const served = (l: LaneHead) => this.lastServed.get(laneOf(l.head)) ?? 0;
    return [...lanes]
      .sort((a, b) => served(a) - served(b) || a.queued - b.queued || a.head.id - b.head.id)
      .map((l) => l.head);
  }

  private reach(): Reach {
    return [...this.deps.channels.values()].flatMap((adapter) => {
      const keys = adapter.recipientKeys?.();
      if (keys === undefined) return [{ channel: adapter.name }];
      return keys.length === 0 ? [] : [{ channel: adapter.name, recipientKey: { $in: [...keys] } }];
    });
  }

  /**
   * Decided for the whole round before anything is sent, so parallel sends cannot overrun a
   * limit together; returns the heads that may go now, the others wait in the database.
   */
  private async pace(heads: OutboxMessage[]): Promise<OutboxMessage[]> {
    const em = this.deps.orm.em.fork();
    const now = this.deps.clock.now();
    const cleared: OutboxMessage[] = [];
    for (const [channel, adapter] of this.deps.channels) {
      const mine = heads.filter((h) => h.channel === channel);
      if (mine.length === 0) continue;
      const waits = await roundPacing(em, channel, mine, adapter.limits, now);
      for (const head of mine) {
        const until = waits.get(head.id);
        if (until === undefined) cleared.push(head);
        else
          // A message in doubt stays in doubt while it waits; a queued one just waits.
          await em.nativeUpdate(
            OutboxMessage,
            { id: head.id, status: head.status, attempts: head.attempts },
            head.status === 'sending' ? { leaseUntil: until } : { nextAttemptAt: until },
          );
      }
    }
    return cleared;
  }

  private async deliverOne(message: OutboxMessage): Promise<Outcome> {
    const adapter = this.deps.channels.get(message.channel);
    if (!adapter) return 'lost';
    const admitted = await this.claim(message, adapter);
    if (admitted !== 'claimed') return admitted;
    const attempt = message.attempts + 1;
    let result: DeliveryResult;
    try {
      result = await adapter.deliver(requestFor(message, attempt));
    } catch (error) {
      if (error instanceof DeliveryUnknownError) return this.holdInDoubt(message, attempt, error.message);
      // Anything else an adapter throws happened before the platform had the request.
      result = { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
    }
    return this.record(message, attempt, result);
  }

  private async claim(message: OutboxMessage, adapter: ChannelAdapter): Promise<Outcome | 'claimed'> {
    const em = this.deps.orm.em.fork();
    const now = this.deps.clock.now();
    if (message.status === 'sending') {
      const refusal = await this.refuseResend(message, adapter, now);
      if (refusal !== undefined) return this.bury(message, refusal);
    }
    // The attempt is counted in the claim, before anything is sent: a send that kills the
    // process still used up an attempt.
    const claimed = await em.nativeUpdate(
      OutboxMessage,
      { id: message.id, attempts: message.attempts, $or: takeableAt(now) },
      {
        status: 'sending',
        attempts: message.attempts + 1,
        leaseUntil: new Date(now.getTime() + this.policy.leaseMs),
      },
    );
    return claimed === 1 ? 'claimed' : 'lost';
  }

  /**
   * A message whose lease ran out may have been delivered: the sender died or lost the
   * database mid-send, or the platform never answered. Sending it again is safe only while
   * the platform would drop the copy; createdAt precedes every attempt, so inside the window
   * counted from it every earlier attempt is inside the window too.
   */
  private async refuseResend(
    message: OutboxMessage,
    adapter: ChannelAdapter,
    now: Date,
  ): Promise<string | undefined> {
    const doubt = message.lastError?.startsWith(IN_DOUBT)
      ? message.lastError
      : 'the sender stopped before recording an answer';
    if (message.attempts >= this.policy.maxAttempts)
      return `outcome unknown after ${message.attempts} attempts: ${doubt}`;
    const window = await adapter.duplicateCheckWindowMs?.(requestFor(message, message.attempts + 1));
    if (window === undefined) return `outcome unknown, not resent (nothing would drop a duplicate): ${doubt}`;
    if (now.getTime() - message.createdAt.getTime() >= window)
      return `outcome unknown, not resent (past the duplicate check window): ${doubt}`;
    return undefined;
  }

  private async holdInDoubt(message: OutboxMessage, attempt: number, error: string): Promise<Outcome> {
    const retryAt = new Date(this.deps.clock.now().getTime() + backoffDelay(this.policy, attempt));
    // Still 'sending': when the lease runs out, refuseResend decides whether it may go again.
    await this.deps.orm.em
      .fork()
      .nativeUpdate(
        OutboxMessage,
        { id: message.id, status: 'sending', attempts: attempt },
        { leaseUntil: retryAt, lastError: `${IN_DOUBT}${error}` },
      );
    this.deps.logger.warn(
      { messageId: message.id, channel: message.channel, attempt, error },
      'delivery outcome unknown',
    );
    return 'in-doubt';
  }

  private async bury(message: OutboxMessage, reason: string): Promise<Outcome> {
    const now = this.deps.clock.now();
    const buried = await this.deps.orm.em
      .fork()
      .nativeUpdate(
        OutboxMessage,
        { id: message.id, status: 'sending', attempts: message.attempts, leaseUntil: { $lt: now } },
        { status: 'dead', leaseUntil: null, lastError: reason },
      );
    if (buried !== 1) return 'lost';
    this.deps.logger.warn({ messageId: message.id, channel: message.channel, reason }, 'delivery in doubt');
    await this.alertAdmins(message, reason);
    return 'failed';
  }

  private async record(message: OutboxMessage, attempt: number, result: DeliveryResult): Promise<Outcome> {
    const em = this.deps.orm.em.fork();
    const now = this.deps.clock.now();
    // If this update is lost (a database outage), the lease runs out and refuseResend decides;
    // a dispatcher that took the message over after our lease ran out owns it now.
    const mine = { id: message.id, status: 'sending' as const, attempts: attempt };
    if (result.ok) {
      await em.nativeUpdate(OutboxMessage, mine, {
        status: 'sent',
        sentAt: now,
        leaseUntil: null,
        lastError: null,
        delivery: result.details ?? null,
      });
      return 'sent';
    }
    const dead = !result.retryable || attempt >= this.policy.maxAttempts;
    const delay = Math.max(result.retryAfterMs ?? 0, backoffDelay(this.policy, attempt));
    await em.nativeUpdate(OutboxMessage, mine, {
      status: dead ? 'dead' : 'pending',
      leaseUntil: null,
      lastError: result.error,
      nextAttemptAt: new Date(now.getTime() + delay),
    });
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

function requestFor(message: OutboxMessage, attempt: number): DeliveryRequest {
  return {
    messageId: message.id,
    recipientKey: message.recipientKey,
    content: message.content,
    attempt,
    queuedAt: message.createdAt,
  };
}

function laneOf(message: OutboxMessage): string {
  return `${message.channel}|${message.recipientKey}`;
}
