import type { EntityManager } from '@mikro-orm/core';
import type { FollowUp } from '../chat/follow-ups.js';
import type { Outbox } from '../chat/outbox/outbox.js';
import type { FactoryConfig } from '../config/factory-config.js';
import type { Clock } from '../shared/clock.js';

/** What the work-order services need, whoever calls them (chat, API, job). */
export interface ShopfloorDeps {
  em: EntityManager;
  clock: Clock;
  outbox: Outbox;
  config: FactoryConfig;
  /** The factory time zone, for shifts and days. */
  tz: string;
  /** Queues work to run once the change is committed; absent where nobody waits for it (the demo seed). */
  afterCommit?: (work: FollowUp) => void;
}
