import type { Outbox } from './chat/outbox/outbox.js';
import type { FactoryConfig } from './config/factory-config.js';
import type { Orm } from './db/orm.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';

/** What a scheduled job or an API route may call into: the same parts the chat uses. */
export interface AppServices {
  orm: Orm;
  clock: Clock;
  outbox: Outbox;
  config: FactoryConfig;
  /** FACTORY_TZ */
  tz: string;
  logger: Logger;
}
