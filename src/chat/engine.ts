import type { EntityManager } from '@mikro-orm/core';
import type { Capability } from '../capabilities/capability.js';
import type { FactoryConfig } from '../config/factory-config.js';
import { retryOnLockConflict } from '../db/lock-retry.js';
import { rowWriteLock, writeTransaction } from '../db/locking.js';
import type { Orm } from '../db/orm.js';
import type { DomainEventBus } from '../events/domain-events.js';
import { personByIdentity } from '../people/directory.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { CommandContext } from './context.js';
import type { FollowUp } from './follow-ups.js';
import type { PendingDialogs } from './dialogs/pending-dialogs.js';
import { keyOf, recordInbound } from './inbound/inbound-log.js';
import { InboundRecord } from './inbound/inbound-record.entity.js';
import { RecentLiveReplies, sealedForStorage } from './inbound/stored-replies.js';
import { identityPlatformOf, type InboundEvent } from './inbound-event.js';
import { chatMessages as m } from './messages.js';
import type { OutboundContent, Recipient } from './outbound.js';
import type { Outbox } from './outbox/outbox.js';
import type { ImageIntake, MediaIntake } from './media-intake.js';
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
  events: DomainEventBus;
  capabilities: readonly Capability[];
  router: EventRouter;
  outbox: Outbox;
  dialogs: PendingDialogs;
  /** Fetches and stores the photos people send; without it a photo is answered and dropped. */
  media?: MediaIntake;
}

export interface HandleOptions {
  /**
   * Put the replies into the outbox, in the same transaction, instead of returning them for
   * a synchronous answer: for channels that must acknowledge before the work is done.
   */
  repliesThroughOutbox?: boolean | ((replies: OutboundContent[]) => boolean);
  /**
   * The channel stored the event with `record` already: it is not looked up again here, and the
   * row lock taken in the transaction still finds an earlier delivery's answer.
   */
  alreadyRecorded?: boolean;
}

export interface HandleOutcome {
  replies: OutboundContent[];
  /** True when this delivery had been handled before; nothing was done again. */
  duplicate: boolean;
}

/**
 * The one door for everything people say. Each inbound event is first stored by its platform
 * message id in a transaction of its own (`record`); its effect then commits together with
 * the answer and the mark that it was handled, so a redelivery returns the first answer and
 * changes nothing. Domain refusals roll the effect back but are recorded with their answer.
 */
export class ChatEngine {
  private readonly recentLive = new RecentLiveReplies();

  constructor(private readonly deps: ChatEngineDeps) {}

  /** Stores the event durably; a channel that must acknowledge early calls this first. */
  async record(event: InboundEvent): Promise<void> {
    await recordInbound(this.deps.orm, event);
  }

  async handle(event: InboundEvent, options: HandleOptions = {}): Promise<HandleOutcome> {
    const live = this.recentLive.recall(event, this.deps.clock.now());
    if (live) return { replies: live, duplicate: true };
    if (!options.alreadyRecorded) {
      const stored = await recordInbound(this.deps.orm, event);
      if (stored.handledAt) return { replies: stored.replies, duplicate: true };
    }
    // InnoDB picks a victim when two transactions wait on each other, and SQLite lets one writer
    // in at a time: the loser simply runs again. Three runs, as the sender is waiting.
    const image = await this.takeImage(event);
    return retryOnLockConflict(() => this.handleOnce(event, options, image), {
      attempts: 3,
      onRetry: (attempt) =>
        this.deps.logger.warn(
          { attempt, channel: event.channel },
          'inbound event retried after a lock conflict',
        ),
    });
  }

  /** A photo from a known person, fetched and stored before the event's transaction begins. */
  private async takeImage(event: InboundEvent): Promise<ImageIntake | undefined> {
    if (event.kind !== 'image' || !this.deps.media) return undefined;
    const em = this.deps.orm.em.fork();
    // A redelivery of a photo already answered is not fetched again: its answer is replayed.
    if ((await em.findOne(InboundRecord, keyOf(event)))?.handledAt) return undefined;
    const sender = await personByIdentity(em, identityPlatformOf(event.channel), event.senderId);
    return sender ? this.deps.media.take(event, sender.id) : undefined;
  }

  /**
   * Closes an event that could not be handled after every retry: nothing took effect, and the
   * sender is told so (through the outbox) instead of waiting for an answer that never comes.
   */
  async giveUp(event: InboundEvent, reply: OutboundContent): Promise<HandleOutcome> {
    return this.inTransaction(event, { repliesThroughOutbox: true }, async () => [reply]);
  }

  /**
   * A unique-key violation here is a domain conflict, not a redelivery (the event's own row
   * was stored before): it surfaces as an error, and the event stays unhandled.
   */
  private async handleOnce(
    event: InboundEvent,
    options: HandleOptions,
    image: ImageIntake | undefined,
  ): Promise<HandleOutcome> {
    const followUps: FollowUp[] = [];
    try {
      const outcome = await this.inTransaction(event, options, (tx, record) =>
        this.process(tx, event, record, followUps, image),
      );
      if (outcome.duplicate) return outcome;
      this.recentLive.remember(event, outcome.replies, this.deps.clock.now());
      await this.runFollowUps(followUps);
      return outcome;
    } catch (error) {
      if (!(error instanceof AppError) || !error.expose) throw error;
      this.deps.logger.info({ code: error.code, channel: event.channel }, 'chat request refused');
      const refusal: OutboundContent[] = [{ kind: 'text', text: error.userMessage ?? m.internalError }];
      return this.inTransaction(event, options, async () => refusal);
    }
  }

  private async inTransaction(
    event: InboundEvent,
    options: HandleOptions,
    work: (tx: EntityManager, record: InboundRecord) => Promise<OutboundContent[]>,
  ): Promise<HandleOutcome> {
    const em = this.deps.orm.em.fork();
    return em.transactional(async (tx) => {
      // The event's row first: a redelivery, or the resume job, handling the same event at the
      // same time waits here, then finds it handled (SQLite: BEGIN IMMEDIATE serialises writers).
      const record = await tx.findOneOrFail(InboundRecord, keyOf(event), rowWriteLock(tx));
      if (record.handledAt) return { replies: record.replies, duplicate: true };
      const replies = await work(tx, record);
      record.replies = sealedForStorage(replies);
      record.handledAt = this.deps.clock.now();
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
    image: ImageIntake | undefined,
  ): Promise<OutboundContent[]> {
    const { clock, config, tz, outbox, dialogs, router, publicUrl, logger, events, capabilities } = this.deps;
    const person = await personByIdentity(tx, identityPlatformOf(event.channel), event.senderId);
    if (!person) return answerUnboundSender(tx, event, clock, outbox);
    const groupRefusal = await answerUnboundGroup(tx, event, clock, outbox);
    if (groupRefusal) return groupRefusal;
    const ctx = new CommandContext(
      { person, event, inboundId: record.id, ...(image ? { image } : {}) },
      { em: tx, clock, outbox, config, tz, logger, events, capabilities },
      dialogs,
      publicUrl,
    );
    await router.route(ctx);
    // Set after the command, so that the row is written once, with its answer, even when the
    // command flushed half-way (a report flushes for its number).
    record.personId = person.id;
    followUps.push(...ctx.followUps);
    return ctx.replies;
  }

  /**
   * The change is committed and its answer stands; a follow-up that fails is logged and left to
   * the scheduled job that does the same work.
   */
  private async runFollowUps(followUps: FollowUp[]): Promise<void> {
    const { orm, clock, outbox, config, tz, logger, events, capabilities } = this.deps;
    const parts = { clock, outbox, config, tz, logger, events, capabilities };
    for (const work of followUps) {
      await work({ em: orm.em.fork(), ...parts }).catch((error: unknown) => {
        logger.error({ err: error }, 'follow-up after a chat event failed');
      });
    }
  }
}

function conversationRecipient(event: InboundEvent): Recipient {
  return event.conversation.kind === 'group'
    ? { kind: 'group', channel: event.channel, chatId: event.conversation.chatId }
    : { kind: 'address', channel: event.channel, recipientKey: event.senderId };
}
