import 'dotenv/config';
import { createApp, type App } from './app.js';
import { ConfigError } from './config/config-error.js';
import { readSettings } from './config/env.js';
import { loadFactoryConfig } from './config/factory-loader.js';
import { PendingMigrationsError } from './db/migrations.js';
import { features } from './features.js';
import { systemClock } from './shared/clock.js';
import { createLogger } from './shared/logger.js';

async function main(): Promise<void> {
  let settings;
  let factory;
  try {
    settings = readSettings();
    factory = loadFactoryConfig(settings.factoryConfigPath);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error — the server was not started:\n  ${error.problems.join('\n  ')}`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(settings.logLevel);
  logger.info(
    { factoryConfig: factory.source, database: settings.databaseUrl.replace(/\/\/[^@]*@/, '//***@') },
    'starting',
  );

  let app: App;
  try {
    app = await createApp({ settings, factory: factory.config, clock: systemClock, logger }, { features });
  } catch (error) {
    if (error instanceof PendingMigrationsError) {
      logger.fatal({ pending: error.pending }, error.message);
      process.exit(1);
    }
    throw error;
  }
  await app.listen(settings.port);
  logger.info({ port: settings.port, database: app.database.dialect }, 'listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    app.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
