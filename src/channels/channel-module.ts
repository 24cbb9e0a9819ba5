import type Router from '@koa/router';
import type { ChannelAdapter } from '../chat/channel.js';
import type { HandleOptions, HandleOutcome, RecordedInbound } from '../chat/engine.js';
import type { InboundEvent } from '../chat/inbound-event.js';
import type { OutboundContent, Recipient } from '../chat/outbound.js';
import type { FactoryConfig } from '../config/factory-config.js';
import type { Settings } from '../config/env.js';
import type { Orm } from '../db/orm.js';
import type { ReadinessCheck } from '../http/health-routes.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';

/** What a channel receives from the app: the door into the chat engine, and the shared parts. */
export interface ChannelContext {
  settings: Settings;
  factory: FactoryConfig;
  orm: Orm;
  clock: Clock;
  logger: Logger;
  /**
   * Stores an inbound event durably without handling it yet: for a channel that must
   * acknowledge before the handling is done (`handle` stores it too).
   */
  record(event: InboundEvent): Promise<RecordedInbound>;
  /** Hands an inbound event to the chat engine (exactly once per platform message id). */
  handle(event: InboundEvent, options?: HandleOptions): Promise<HandleOutcome>;
  /** Puts messages into the outbox in a transaction of their own. */
  enqueue(recipient: Recipient, contents: OutboundContent[]): Promise<void>;
}

/**
 * One chat platform: the adapter the outbox delivers through, and its receiver — an HTTP
 * route (WeCom app callback) or a long connection started with the server (WeCom bot,
 * DingTalk Stream).
 */
export interface ChannelModule {
  adapter: ChannelAdapter;
  routes?: Router;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  readiness?: ReadinessCheck[];
}
