import type { EntityManager } from '@mikro-orm/core';
import type { Capability } from '../capabilities/capability.js';
import type { FactoryConfig } from '../config/factory-config.js';
import type { PersonView } from '../people/person-view.js';
import type { DomainEventBus } from '../events/domain-events.js';
import type { Services } from '../services.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { recordAudit, type Actor } from './audit/actor.js';
import { issueCard, type CardSpec, type CardSubject } from './cards/issue-card.js';
import type { PendingDialogs } from './dialogs/pending-dialogs.js';
import type { FollowUp } from './follow-ups.js';
import type { InboundEvent } from './inbound-event.js';
import type { ImageIntake } from './media-intake.js';
import type { OutboundContent, Recipient } from './outbound.js';
import type { EnqueueOptions, Outbox } from './outbox/outbox.js';

/** Who spoke, what they sent, and the stored inbound row it is answered under. */
export interface CommandSession {
  person: PersonView;
  event: InboundEvent;
  inboundId: number;
  /** For a photo: what the media store made of it. */
  image?: ImageIntake;
}

/** The dialog step that waits for a photo to attach to what a command just recorded. */
export const PHOTO_STEP = 'photo';

/**
 * Everything a command handler may use, bound to one inbound event and one unit of work.
 * Replies go back to where the event came from; pushes go through the outbox.
 */
export class CommandContext {
  private readonly answer: OutboundContent[] = [];
  /** Lines other capabilities add through `services.note`, after the command's own answer. */
  private readonly notes: OutboundContent[] = [];
  /** Run by the engine once this event's transaction has committed. */
  readonly followUps: FollowUp[] = [];

  readonly person: PersonView;
  readonly event: InboundEvent;
  readonly inboundId: number;
  readonly image: ImageIntake | undefined;
  readonly em: EntityManager;
  readonly clock: Clock;
  readonly config: FactoryConfig;
  readonly tz: string;
  readonly logger: Logger;
  readonly events: DomainEventBus;
  readonly capabilities: readonly Capability[];
  private readonly outbox: Outbox;

  constructor(
    session: CommandSession,
    unit: Omit<Services, 'afterCommit'>,
    private readonly dialogs: PendingDialogs,
    /** PUBLIC_URL from the settings: links made here open the server, whichever process made them. */
    readonly publicUrl: string,
  ) {
    ({ person: this.person, event: this.event, inboundId: this.inboundId } = session);
    this.image = session.image;
    ({
      em: this.em,
      clock: this.clock,
      config: this.config,
      tz: this.tz,
      logger: this.logger,
      events: this.events,
      capabilities: this.capabilities,
      outbox: this.outbox,
    } = unit);
  }

  /** This event's unit of work as every capability's services take it; follow-ups run after commit. */
  get services(): Services {
    return {
      em: this.em,
      clock: this.clock,
      outbox: this.outbox,
      config: this.config,
      tz: this.tz,
      logger: this.logger,
      events: this.events,
      capabilities: this.capabilities,
      afterCommit: (work) => this.afterCommit(work),
      note: (text) => this.notes.push({ kind: 'text', text }),
    };
  }

  reply(content: OutboundContent | string): void {
    this.answer.push(typeof content === 'string' ? { kind: 'text', text: content } : content);
  }

  /** What the person is answered: the command's replies, then the notes added on the way. */
  get replies(): OutboundContent[] {
    return [...this.answer, ...this.notes];
  }

  async push(recipient: Recipient, content: OutboundContent, options?: EnqueueOptions): Promise<number> {
    return (await this.outbox.enqueue(this.em, recipient, content, options)).length;
  }

  /** Draws a card whose buttons are bound to `subject` as it is now. */
  card(cardType: string, subject: CardSubject, spec: CardSpec): OutboundContent {
    return { kind: 'card', card: issueCard(this.em, this.clock, cardType, subject, spec) };
  }

  /** Redraws the card `original` that people already have, bound to `subject` as it is now. */
  cardUpdate(original: string, cardType: string, subject: CardSubject, spec: CardSpec): OutboundContent {
    return { kind: 'card_update', card: issueCard(this.em, this.clock, cardType, subject, spec, original) };
  }

  /** Asks a question and remembers, durably, which command and step the answer belongs to. */
  async ask(
    command: string,
    step: string,
    question: OutboundContent | string,
    state: Record<string, unknown>,
  ): Promise<void> {
    await this.dialogs.open(this.em, this.person.id, this.event, command, step, state);
    this.reply(question);
  }

  /**
   * Lets the next photo this person sends here (before the dialog expires) reach `command`'s
   * `resume` at step PHOTO_STEP with `state`; anything else they say is handled as usual.
   */
  async awaitPhoto(command: string, state: Record<string, unknown>): Promise<void> {
    await this.dialogs.open(this.em, this.person.id, this.event, command, PHOTO_STEP, state);
  }

  /** The person behind this event, as services record it. */
  get actor(): Actor {
    return {
      person: this.person,
      channel: this.event.channel,
      inboundEventId: this.inboundId,
      at: this.clock.now(),
    };
  }

  audit(
    action: string,
    subjectType: string,
    subjectId: string | number,
    details: Record<string, unknown> = {},
  ): void {
    recordAudit(this.em, this.actor, action, subjectType, subjectId, details);
  }

  afterCommit(work: FollowUp): void {
    this.followUps.push(work);
  }

  /** The outbox, for services that push as part of this unit of work. */
  get pushes(): Outbox {
    return this.outbox;
  }
}
