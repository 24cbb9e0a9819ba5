import type { Server } from 'node:http';
import type Koa from 'koa';
import type { AppServices } from './app-services.js';
import type { ChannelModule } from './channels/channel-module.js';
import { ConsoleAdapter } from './channels/console/console-adapter.js';
import { buildChannels } from './channels/index.js';
import { assembleChat, type Chat } from './chat/assemble.js';
import { resumeInboundJob } from './chat/jobs/resume-inbound.job.js';
import type { ChatFeature } from './chat/feature.js';
import type { RetryPolicy } from './chat/outbox/retry-policy.js';
import type { FactoryConfig } from './config/factory-config.js';
import type { Settings } from './config/env.js';
import { resolveDatabaseTarget, type DatabaseTarget } from './db/database-target.js';
import { applyMigrations, migrationStatus, PendingMigrationsError } from './db/migrations.js';
import { openOrm, type Orm } from './db/orm.js';
import { databaseReadiness } from './db/readiness.js';
import { entitiesFor } from './entities.js';
import {
  apiRoutesOf,
  chatFeaturesOf,
  connectionsOf,
  jobsOf,
  migrationsOf,
  pagesOf,
  subscribersOf,
  withConfigured,
} from './capabilities/assembled.js';
import { DomainEventBus } from './events/domain-events.js';
import type { Capability } from './capabilities/capability.js';
import { coreCapabilities } from './capabilities/index.js';
import { healthRoutes } from './http/health-routes.js';
import { apiRouter } from './http/api/api-router.js';
import { createHttpApp, createHttpServer } from './http/http-app.js';
import { createJobScheduler, type JobDefinition, type JobScheduler } from './jobs/scheduler.js';
import { syncPeople } from './people/people-sync.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';
import { mediaRoute } from './shared/media/media-links.js';
import { MediaStore } from './shared/media/media-store.js';
import { runSteps, type ShutdownStep } from './shared/shutdown.js';

export interface AppDeps {
  settings: Settings;
  factory: FactoryConfig;
  clock: Clock;
  logger: Logger;
}

export interface AppOptions {
  /** What the app is made of: the core capabilities, then the factory's plugins. */
  capabilities?: readonly Capability[];
  /** The chat to offer, when a test wants less (or other) than its capabilities' chat. */
  features?: ChatFeature[];
  retryPolicy?: RetryPolicy;
  /** Run the outbox dispatcher and other background work (off in tests that drive them by hand). */
  background?: boolean;
  /**
   * Open the platforms' long connections (WeCom bot, DingTalk Stream). A console process beside
   * the server leaves them to the server; it still knows every channel, to route pushes alike.
   */
  connect?: boolean;
}

/** The assembled service: one ORM, one HTTP app, the chat, and what runs in the background. */
export interface App extends AppDeps {
  orm: Orm;
  database: DatabaseTarget;
  http: Koa;
  chat: Chat;
  services: AppServices;
  /** The Agenda scheduler; started with the server unless background work is off. */
  jobs: JobScheduler;
  console: ConsoleAdapter | undefined;
  listen(port: number, host?: string): Promise<Server>;
  /** What `close()` stops, in order: requests in flight, Agenda, the outbox, long connections, the pool. */
  shutdownSteps(): ShutdownStep[];
  close(): Promise<void>;
}

/**
 * Opens the database and refuses to go on while migrations are pending, unless told to
 * apply them. The embedded SQLite file is the zero-setup demo mode, so it is always migrated.
 */
export async function createApp(deps: AppDeps, options: AppOptions = {}): Promise<App> {
  const { settings, factory, clock, logger } = deps;
  const capabilities = withConfigured(options.capabilities ?? coreCapabilities, factory);
  const database = await resolveDatabaseTarget(settings.databaseUrl);
  const orm = await openOrm(
    database,
    entitiesFor(capabilities),
    migrationsOf(capabilities, database.migrationsFolder),
  );
  try {
    const { pending } = await migrationStatus(orm);
    if (pending.length > 0) {
      if (database.dialect !== 'sqlite' && !settings.autoMigrate) throw new PendingMigrationsError(pending);
      logger.info({ applied: await applyMigrations(orm) }, 'migrations applied');
    }
    await syncPeople(orm.em.fork(), factory);
    for (const c of capabilities) await c.syncAtStart?.(orm.em.fork(), factory, clock);
  } catch (error) {
    await orm.close();
    throw error;
  }

  // Channels are built before the engine that needs their names; they reach it through this.
  const ready: { chat?: Chat } = {};
  const modules: ChannelModule[] = await buildChannels({
    settings,
    factory,
    orm,
    clock,
    logger,
    record: (event) => {
      if (!ready.chat) throw new Error('a channel delivered an event before the chat engine was ready');
      return ready.chat.engine.record(event);
    },
    handle: (event, handleOptions) => {
      if (!ready.chat) throw new Error('a channel delivered an event before the chat engine was ready');
      return ready.chat.engine.handle(event, handleOptions);
    },
    enqueue: async (recipient, contents) => {
      const outbox = ready.chat?.outbox;
      if (!outbox) throw new Error('a channel enqueued a message before the chat engine was ready');
      await orm.em.fork().transactional(async (tx) => {
        for (const content of contents) await outbox.enqueue(tx, recipient, content);
      });
      ready.chat?.dispatcher.nudge();
    },
  });
  const events = new DomainEventBus(subscribersOf(capabilities));
  const chat = assembleChat({
    events,
    capabilities,
    orm,
    clock,
    config: factory,
    tz: settings.factoryTz,
    publicUrl: settings.publicUrl,
    logger,
    channels: modules.map((m) => m.adapter),
    features: options.features ?? chatFeaturesOf(capabilities),
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
  });
  ready.chat = chat;
  const services: AppServices = {
    orm,
    clock,
    outbox: chat.outbox,
    config: factory,
    tz: settings.factoryTz,
    logger,
    events,
    settings,
    capabilities,
  };
  const readiness = [...databaseReadiness(orm), ...modules.flatMap((m) => m.readiness ?? [])];
  const http = createHttpApp(logger, [
    healthRoutes(readiness, logger),
    apiRouter(services, apiRoutesOf(capabilities)),
    ...pagesOf(capabilities, services),
    mediaRoute(services, new MediaStore(factory.media)),
    ...modules.flatMap((m) => (m.routes ? [m.routes] : [])),
  ]);
  const jobs = await createJobScheduler({
    orm,
    timezone: settings.factoryTz,
    definitions: [
      ...jobsOf(capabilities, services),
      resumeInboundJob(services, chat.engine) as JobDefinition<never>,
    ],
    logger,
    // Runs under way get half the shutdown deadline, so the steps after Agenda still fit in it.
    shutdownGraceMs: settings.shutdownTimeoutMs / 2,
  });
  if (options.connect !== false) for (const module of modules) await module.start?.();
  const connections = options.connect !== false ? connectionsOf(capabilities, services) : [];
  for (const connection of connections) await connection.start();
  if (options.background !== false) {
    chat.dispatcher.start();
    await jobs.start();
  }
  const consoleAdapter = modules
    .map((m) => m.adapter)
    .find((a): a is ConsoleAdapter => a instanceof ConsoleAdapter);
  let server: Server | undefined;
  const shutdownSteps = (): ShutdownStep[] => [
    { name: 'http-requests', run: () => closeServer(server) },
    ...(options.background !== false ? [{ name: 'agenda', run: () => jobs.stop() }] : []),
    { name: 'outbox-dispatcher', run: () => chat.dispatcher.stop() },
    ...modules
      .filter((m) => m.stop)
      .map((m) => ({ name: `channel-${m.adapter.name}`, run: async () => await m.stop?.() })),
    ...connections.map((c) => ({ name: `connection-${c.name}`, run: () => c.stop() })),
    { name: 'database-pool', run: () => orm.close() },
  ];

  return {
    ...deps,
    orm,
    database,
    http,
    chat,
    services,
    jobs,
    console: consoleAdapter,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const s = createHttpServer(http, settings.requestTimeoutMs).listen(port, host, () => resolve(s));
        s.once('error', reject);
        server = s;
      });
    },
    shutdownSteps,
    close: () => runSteps(shutdownSteps()),
  };
}

/** Stops accepting connections, drops idle keep-alive ones, and waits for requests under way. */
async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  const closing = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closing;
}
