import type { EntityManager } from '@mikro-orm/core';
import type { Outbox } from '../chat/outbox/outbox.js';
import type { FactoryConfig } from '../config/factory-config.js';
import { DomainEventBus } from '../events/domain-events.js';
import type { Services } from '../services.js';
import type { Clock } from '../shared/clock.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { subscribersOf } from './assembled.js';
import type { Capability } from './capability.js';
import { coreCapabilities } from './index.js';

export interface StandaloneParts {
  clock: Clock;
  outbox: Outbox;
  config: FactoryConfig;
  tz: string;
  logger?: Logger;
  capabilities?: readonly Capability[];
}

/**
 * A unit of work for a process that runs services without the app around it (the demo seed,
 * the import CLI, the benches): the same events reach the same subscribers as in the server.
 */
export function standaloneUnit(em: EntityManager, parts: StandaloneParts): Services {
  const { capabilities = coreCapabilities, logger = createLogger('silent'), ...rest } = parts;
  return { ...rest, em, logger, capabilities, events: new DomainEventBus(subscribersOf(capabilities)) };
}
