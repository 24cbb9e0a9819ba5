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
import { keyOf, recordInbound, type RecordedInbound } from './inbound/inbound-log.js';
import { InboundRecord } from './inbound/inbound-record.entity.js';
import { RecentLiveReplies, sealedForStorage } from './inbound/stored-replies.js';
import { identityPlatformOf, type InboundEvent } from './inbound-event.js';
import { chatMessages as m } from './messages.js';
import type { OutboundContent, Recipient } from './outbound.js';
import type { Outbox } from './outbox/outbox.js';
import type { ImageIntake, MediaIntake } from './media-intake.js';
import type { EventRouter } from './router.js';
import { answerUnboundGroup, answerUnboundSender } from './unbound-senders.js';

export type { RecordedInbound };

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
   * What `record` returned: the event is not stored or looked up again here. When that call
   * stored it (`fresh`), its row is not even locked first: the handled mark, set only where
   * still unset, decides which of two deliveries commits.
   */
  alreadyRecorded?: RecordedInbound;
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
  async record(event: InboundEvent): Promise<RecordedInbound> {
    return recordInbound(this.deps.orm, event);
  }

  async handle(event: InboundEvent, options: HandleOptions = {}): Promise<HandleOutcome> {
    const live = this.recentLive.recall(event, this.deps.clock.now());
    if (live) return { replies: live, duplicate: true };
    if (!options.alreadyRecorded) {
      const stored = await recordInbound(this.deps.orm, event);
      if (!stored.fresh && stored.handledAt) return { replies: stored.replies, duplicate: true };
      options = { ...options, alreadyRecorded: stored };
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
      const outcome = await this.inTransaction(event, options, (tx, handling) =>
        this.process(tx, event, handling, followUps, image),
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
    work: (tx: EntityManager, handling: Handling) => Promise<OutboundContent[]>,
  ): Promise<HandleOutcome> {
    const em = this.deps.orm.em.fork();
    try {
      return await em.transactional(async (tx) => {
        const handling = await this.openHandling(tx, event, options.alreadyRecorded);
        if ('replies' in handling) return { replies: handling.replies, duplicate: true };
        const replies = await work(tx, handling);
        const throughOutbox =
          typeof options.repliesThroughOutbox === 'function'
            ? options.repliesThroughOutbox(replies)
            : options.repliesThroughOutbox;
        if (throughOutbox) {
          for (const reply of replies)
            await this.deps.outbox.enqueue(tx, conversationRecipient(event), reply);
        }
        // Marked handled only if nobody did first; else everything above rolls back.
        const marked = await tx.nativeUpdate(
          InboundRecord,
          { id: handling.id, handledAt: null },
          {
            replies: sealedForStorage(replies),
            handledAt: this.deps.clock.now(),
            ...(handling.personId ? { personId: handling.personId } : {}),
          },
        );
        if (marked === 0) throw new HandledElsewhere(handling.id);
        return { replies, duplicate: false };
      }, writeTransaction(em));
    } catch (error) {
      if (!(error instanceof HandledElsewhere)) throw error;
      const record = await this.deps.orm.em.fork().findOneOrFail(InboundRecord, { id: error.inboundId });
      return { replies: record.replies, duplicate: true };
    }
  }

  /**
   * The event's row. One this request stored is not read again: no delivery of it has been
   * handled yet. Otherwise it is locked first, so that a redelivery or the resume job handling
   * the same event at the same time waits here, then finds it handled (SQLite: BEGIN IMMEDIATE
   * serialises writers) instead of doing the work only to roll it back.
   */
  private async openHandling(
    tx: EntityManager,
    event: InboundEvent,
    recorded: RecordedInbound | undefined,
  ): Promise<Handling | { replies: OutboundContent[] }> {
    if (recorded?.fresh) return { id: recorded.id };
    const record = await tx.findOneOrFail(InboundRecord, keyOf(event), rowWriteLock(tx));
    if (record.handledAt) return { replies: record.replies };
    return { id: record.id };
  }

  private async process(
    tx: EntityManager,
    event: InboundEvent,
    handling: Handling,
    followUps: FollowUp[],
    image: ImageIntake | undefined,
  ): Promise<OutboundContent[]> {
    const { clock, config, tz, outbox, dialogs, router, publicUrl, logger, events, capabilities } = this.deps;
    const person = await personByIdentity(tx, identityPlatformOf(event.channel), event.senderId);
    if (!person) return answerUnboundSender(tx, event, clock, outbox);
    const groupRefusal = await answerUnboundGroup(tx, event, clock, outbox);
    if (groupRefusal) return groupRefusal;
    const ctx = new CommandContext(
      { person, event, inboundId: handling.id, ...(image ? { image } : {}) },
      { em: tx, clock, outbox, config, tz, logger, events, capabilities },
      dialogs,
      publicUrl,
    );
    await router.route(ctx);
    handling.personId = person.id;
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

/** The event's row being handled, and who sent it once known; both are written with the answer. */
interface Handling {
  id: number;
  personId?: string;
}

/** Another delivery of the same event committed first: this one's work is rolled back. */
class HandledElsewhere extends Error {
  constructor(readonly inboundId: number) {
    super(`inbound event ${inboundId} was handled by another delivery`);
  }
}

function conversationRecipient(event: InboundEvent): Recipient {
  return event.conversation.kind === 'group'
    ? { kind: 'group', channel: event.channel, chatId: event.conversation.chatId }
    : { kind: 'address', channel: event.channel, recipientKey: event.senderId };
}
