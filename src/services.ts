import type { EntityManager } from '@mikro-orm/core';
import type { Capability } from './capabilities/capability.js';
import type { FollowUp } from './chat/follow-ups.js';
import type { Outbox } from './chat/outbox/outbox.js';
import type { FactoryConfig } from './config/factory-config.js';
import type { DomainEventBus } from './events/domain-events.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';

/**
 * What every service of every capability gets, whoever calls it (a chat command, an API route,
 * a job, a follow-up after commit, an event subscriber): one unit of work and the app's parts.
 */
export interface Services {
  em: EntityManager;
  clock: Clock;
  outbox: Outbox;
  config: FactoryConfig;
  /** The factory time zone (FACTORY_TZ): shifts, days and schedules are reckoned there. */
  tz: string;
  logger: Logger;
  events: DomainEventBus;
  /** What the app is made of (core capabilities, then plugins): e.g. the point triggers they offer. */
  capabilities: readonly Capability[];
  /** Queues work to run once this unit has committed; absent where nobody waits (the demo seed). */
  afterCommit?: (work: FollowUp) => void;
  /**
   * Adds a line after the answer to the person whose chat message this unit handles (what a
   * report earned, say); absent where nobody is answered (an API call, a job).
   */
  note?: (text: string) => void;
}
