import {
  DeadlockException,
  LockWaitTimeoutException,
  UniqueConstraintViolationException,
  type EntityManager,
} from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { writeTransaction } from '../db/locking.js';
import type { Orm } from '../db/orm.js';
import { personByIdentity } from '../people/directory.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { CommandContext } from './context.js';
import type { FollowUp } from './follow-ups.js';
import type { PendingDialogs } from './dialogs/pending-dialogs.js';
import { InboundRecord } from './inbound/inbound-record.entity.js';
import { RecentLiveReplies, sealedForStorage } from './inbound/stored-replies.js';
import { identityPlatformOf, type InboundEvent } from './inbound-event.js';
import { chatMessages as m } from './messages.js';
import type { OutboundContent, Recipient } from './outbound.js';
import type { Outbox } from './outbox/outbox.js';
import type { EventRouter } from './router.js';
import { answerUnboundGroup, answerUnboundSender } from './unbound-senders.js';

export interface ChatEngineDeps {
  orm: Orm;
  clock: Clock;
  config: FactoryConfig;
  tz: string;
  /** Where people reach the server from outside (PUBLIC_URL), for links made in any process. */
  publicUrl: string;
  logger: Logger;
  router: EventRouter;
  outbox: Outbox;
  dialogs: PendingDialogs;
}

export interface HandleOptions {
  /**
   * Put the replies into the outbox, in the same transaction, instead of returning them for
   * a synchronous answer: for channels that must acknowledge before the work is done.
   */
  repliesThroughOutbox?: boolean | ((replies: OutboundContent[]) => boolean);
}

export interface HandleOutcome {
  replies: OutboundContent[];
  /** True when this delivery had been handled before; nothing was done again. */
  duplicate: boolean;
}

/**
 * The one door for everything people say. Each inbound event is recorded by its platform
 * message id in the same transaction as its effect, so a redelivery returns the first answer
 * and changes nothing. Domain refusals roll the effect back but are recorded with their answer.
 */
export class ChatEngine {
  private readonly recentLive = new RecentLiveReplies();

  constructor(private readonly deps: ChatEngineDeps) {}

  async handle(event: InboundEvent, options: HandleOptions = {}): Promise<HandleOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.handleOnce(event, options);
      } catch (error) {
        // InnoDB picks a victim when two transactions wait on each other; the loser simply runs again.
        const transient = error instanceof DeadlockException || error instanceof LockWaitTimeoutException;
        if (!transient || attempt >= 3) throw error;
        this.deps.logger.warn(
          { attempt, channel: event.channel },
          'inbound event retried after a lock conflict',
        );
      }
    }
  }

  private async handleOnce(event: InboundEvent, options: HandleOptions): Promise<HandleOutcome> {
    const em = this.deps.orm.em.fork();
    const earlier = await this.previousAnswer(em, event);
    if (earlier) return { replies: earlier, duplicate: true };
    const followUps: FollowUp[] = [];
    try {
      const outcome = await this.inTransaction(em, event, options, (tx, record) =>
        this.process(tx, event, record, followUps),
      );
      this.recentLive.remember(event, outcome.replies, this.deps.clock.now());
      await this.runFollowUps(followUps);
      return outcome;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return this.duplicateOf(event);
      if (!(error instanceof AppError) || !error.expose) throw error;
      this.deps.logger.info({ code: error.code, channel: event.channel }, 'chat request refused');
      const refusal: OutboundContent[] = [{ kind: 'text', text: error.userMessage ?? m.internalError }];
      try {
        return await this.inTransaction(em.fork(), event, options, async () => refusal);
      } catch (again) {
        if (again instanceof UniqueConstraintViolationException) return this.duplicateOf(event);
        throw again;
      }
    }
  }

  private async inTransaction(
    em: EntityManager,
    event: InboundEvent,
    options: HandleOptions,
    work: (tx: EntityManager, record: InboundRecord) => Promise<OutboundContent[]>,
  ): Promise<HandleOutcome> {
    return em.transactional(async (tx) => {
      const record = tx.create(InboundRecord, {
        channel: event.channel,
        platformMessageId: event.platformMessageId,
        kind: event.kind,
        senderId: event.senderId,
        payload: payloadOf(event),
        replies: [],
        receivedAt: event.receivedAt,
      });
      // Claim the message id first: a concurrent redelivery now waits on this row and then fails.
      await tx.flush();
      const replies = await work(tx, record);
      record.replies = sealedForStorage(replies);
      const throughOutbox =
        typeof options.repliesThroughOutbox === 'function'
          ? options.repliesThroughOutbox(replies)
          : options.repliesThroughOutbox;
      if (throughOutbox) {
        for (const reply of replies) await this.deps.outbox.enqueue(tx, conversationRecipient(event), reply);
      }
      return { replies, duplicate: false };
    }, writeTransaction(em));
  }

  private async process(
    tx: EntityManager,
    event: InboundEvent,
    record: InboundRecord,
    followUps: FollowUp[],
  ): Promise<OutboundContent[]> {
    const { clock, config, tz, outbox, dialogs, router, publicUrl } = this.deps;
    const person = await personByIdentity(tx, identityPlatformOf(event.channel), event.senderId);
    if (!person) return answerUnboundSender(tx, event, clock, outbox);
    const groupRefusal = await answerUnboundGroup(tx, event, clock, outbox);
    if (groupRefusal) return groupRefusal;
    record.personId = person.id;
    const ctx = new CommandContext(
      person,
      event,
      record.id,
      tx,
      clock,
      config,
      tz,
      outbox,
      dialogs,
      publicUrl,
    );
    await router.route(ctx);
    followUps.push(...ctx.followUps);
    return ctx.replies;
  }

  /**
   * The change is committed and its answer stands; a follow-up that fails is logged and left to
   * the scheduled job that does the same work.
   */
  private async runFollowUps(followUps: FollowUp[]): Promise<void> {
    const { orm, clock, outbox, config, tz, logger } = this.deps;
    for (const work of followUps) {
      await work({ em: orm.em.fork(), clock, outbox, config, tz, logger }).catch((error: unknown) => {
        logger.error({ err: error }, 'follow-up after a chat event failed');
      });
    }
  }

  private async previousAnswer(
    em: EntityManager,
    event: InboundEvent,
  ): Promise<OutboundContent[] | undefined> {
    const live = this.recentLive.recall(event, this.deps.clock.now());
    if (live) return live;
    const record = await em.findOne(InboundRecord, {
      channel: event.channel,
      platformMessageId: event.platformMessageId,
    });
    return record?.replies;
  }

  private async duplicateOf(event: InboundEvent): Promise<HandleOutcome> {
    const replies = await this.previousAnswer(this.deps.orm.em.fork(), event);
    if (!replies)
      throw new Error(`inbound ${event.channel}/${event.platformMessageId} collided but cannot be found`);
    return { replies, duplicate: true };
  }
}

function conversationRecipient(event: InboundEvent): Recipient {
  return event.conversation.kind === 'group'
    ? { kind: 'group', channel: event.channel, chatId: event.conversation.chatId }
    : { kind: 'address', channel: event.channel, recipientKey: event.senderId };
}

function payloadOf(event: InboundEvent): Record<string, unknown> {
  const { channel: _c, platformMessageId: _p, senderId: _s, receivedAt: _r, ...rest } = event;
  return rest;
}
