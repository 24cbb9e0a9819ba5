import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../chat/audit/actor.js';
import type { Outbox } from '../chat/outbox/outbox.js';
import type { FactoryConfig } from '../config/factory-config.js';
import type { Services } from '../services.js';
import type { Clock } from '../shared/clock.js';

/** What a capability's demo data is made with: the demo shop's config, moments relative to today. */
export interface DemoContext {
  /** In `setup`, the one transaction every capability's master data goes into; else a fresh manager. */
  em: EntityManager;
  clock: Clock;
  tz: string;
  /** The built-in config with the demo cast (teams, people). */
  config: FactoryConfig;
  /** The factory's own config, whose incentive rules score the demo week. */
  scoring: FactoryConfig;
  /** An outbox that reaches no channel: pushes of the past are not sent. */
  outbox: Outbox;
  actorOf(em: EntityManager, personId: string, at: Date): Promise<Actor>;
  /** A unit of work on `em` for the capabilities' services, at `clock`'s moment (default: ctx.clock). */
  unit(em: EntityManager, clock?: Clock): Services;
  /** `day` days from the seeding day (negative: before) at `hhmm` factory time. */
  at(day: number, hhmm: string): Date;
}

/**
 * A capability's part of the demo shop. Every `setup` creates master data in one transaction,
 * so rows may refer to another capability's; then each `history` plays the past through the
 * same services the chat uses, in the order of the capability list.
 */
export interface CapabilityDemo {
  setup?(ctx: DemoContext): void;
  history?(ctx: DemoContext): Promise<void>;
}
