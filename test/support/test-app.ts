import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import type { ConsoleAdapter } from '../../src/channels/console/console-adapter.js';
import { readSettings, type Settings } from '../../src/config/env.js';
import { type FactoryConfig } from '../../src/config/factory-config.js';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { parseFactoryConfig } from '../../src/config/factory-loader.js';
import type { ScratchDatabase } from '../../src/db/scratch-database.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createLogger, type Logger } from '../../src/shared/logger.js';
import { copyTestTemplate } from './database.js';
import type { TemplateName } from './templates.js';

export interface TestApp extends App {
  clock: ManualClock;
  console: ConsoleAdapter;
  db: ScratchDatabase;
  baseUrl: string;
  /** Stops this instance; drops the database too unless another instance still uses it. */
  stop(): Promise<void>;
}

export interface TestAppOptions extends AppOptions {
  /** Share a database with another instance (two servers side by side). */
  db?: ScratchDatabase;
  clock?: ManualClock;
  /** factory.yaml text, or a config object; defaults to the built-in config. */
  factory?: string | FactoryConfig;
  env?: Record<string, string>;
  /** Where the app logs; silent (or TEST_LOG's level) unless a test reads the lines. */
  logger?: Logger;
}

/**
 * Builds the whole app in-process, listening on a random port, on its own copy of a template
 * database (`from`) unless given one. Start-up still runs the migrator, as in production; on a
 * copy it finds nothing to do.
 */
export async function startTestApp(
  options: TestAppOptions = {},
  from: TemplateName = 'migrated',
): Promise<TestApp> {
  const ownsDb = options.db === undefined;
  const db = options.db ?? (await copyTestTemplate(from));
  const clock = options.clock ?? new ManualClock();
  const settings: Settings = readSettings({
    DATABASE_URL: db.url,
    AUTO_MIGRATE: 'true',
    CONSOLE_CHANNEL: 'true',
    ...options.env,
  });
  const factory =
    typeof options.factory === 'string'
      ? parseFactoryConfig(options.factory)
      : (options.factory ?? defaultFactoryConfig);
  const logger = options.logger ?? createLogger(process.env.TEST_LOG ?? 'silent');
  // Tests drive the outbox by hand under their own clock unless they ask otherwise.
  const app = await createApp({ settings, factory, clock, logger }, { background: false, ...options });
  if (!app.console) throw new Error('the console channel is off; tests need it');
  // A test speaks for every person, so it takes every console push, session open or not.
  app.console.reachEveryone();
  const server = await app.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return Object.assign(app, {
    clock,
    console: app.console,
    db,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await app.close();
      if (ownsDb) await db.drop();
    },
  });
}
