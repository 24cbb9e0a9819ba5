import type { Capability } from '../capabilities/capability.js';
import type { FactoryConfig } from '../config/factory-config.js';
import type { Orm } from '../db/orm.js';
import type { DomainEventBus } from '../events/domain-events.js';
import { keepReads } from '../db/kept-reads.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { ChannelAdapter } from './channel.js';
import { builtinFeature } from './commands/builtin.js';
import { CommandRegistry } from './commands/registry.js';
import { PendingDialogs } from './dialogs/pending-dialogs.js';
import { ChatEngine } from './engine.js';
import type { ChatFeature } from './feature.js';
import type { ChannelName } from './inbound-event.js';
import { OutboxDispatcher } from './outbox/dispatcher.js';
import { Outbox } from './outbox/outbox.js';
import { RecipientRouter } from './outbox/recipient-router.js';
import type { RetryPolicy } from './outbox/retry-policy.js';
import { EventRouter } from './router.js';
import { MediaIntake } from './media-intake.js';
import { MediaStore } from '../shared/media/media-store.js';

export interface ChatDeps {
  orm: Orm;
  clock: Clock;
  config: FactoryConfig;
  tz: string;
  publicUrl: string;
  logger: Logger;
  events: DomainEventBus;
  /** What the app is made of, handed to every unit of work (Services). */
  capabilities: readonly Capability[];
  /** Enabled channels, in the order a person is tried when we push to them. */
  channels: ChannelAdapter[];
  features: ChatFeature[];
  retryPolicy?: RetryPolicy;
}

export interface Chat {
  engine: ChatEngine;
  outbox: Outbox;
  dispatcher: OutboxDispatcher;
  commands: CommandRegistry;
  channels: ReadonlyMap<ChannelName, ChannelAdapter>;
}

export function assembleChat(deps: ChatDeps): Chat {
  // Every inbound event looks its sender up, every report which webhooks want it; those change
  // a few times a month.
  keepReads(deps.orm);
  const channels = new Map(deps.channels.map((c) => [c.name, c]));
  const maxTextBytes = new Map(
    deps.channels.flatMap((c) => (c.maxTextBytes === undefined ? [] : [[c.name, c.maxTextBytes] as const])),
  );
  const outbox = new Outbox(new RecipientRouter([...channels.keys()]), deps.clock, maxTextBytes);
  const dialogs = new PendingDialogs(deps.clock, deps.config.chat.dialogExpiryMinutes);
  const commands = new CommandRegistry();
  const router = new EventRouter(commands, dialogs, [builtinFeature(commands, dialogs), ...deps.features]);
  const media = new MediaIntake({
    orm: deps.orm,
    clock: deps.clock,
    logger: deps.logger,
    config: deps.config.media,
    store: new MediaStore(deps.config.media),
    channels,
  });
  const engine = new ChatEngine({ ...deps, router, outbox, dialogs, media });
  const dispatcher = new OutboxDispatcher({
    orm: deps.orm,
    clock: deps.clock,
    logger: deps.logger,
    outbox,
    channels,
    ...(deps.retryPolicy ? { policy: deps.retryPolicy } : {}),
  });
  return { engine, outbox, dispatcher, commands, channels };
}
