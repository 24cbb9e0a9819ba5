import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Outbox } from './outbox/outbox.js';

/** What a follow-up gets: its own entity manager, outside the transaction that asked for it. */
export interface FollowUpServices {
  em: EntityManager;
  clock: Clock;
  outbox: Outbox;
  config: FactoryConfig;
  tz: string;
  logger: Logger;
}

/**
 * Work that must see a change committed before it runs, e.g. checking whether running hours a
 * 报工 added made maintenance due: its own writes are keyed so that a concurrent scan doing the
 * same on another server cannot collide with the person's transaction.
 */
export type FollowUp = (services: FollowUpServices) => Promise<void>;
