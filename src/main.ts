import 'dotenv/config';
import { createApp, type App } from './app.js';
import { ConfigError } from './config/config-error.js';
import { readSettings } from './config/env.js';
import { loadFactory } from './config/load-factory.js';
import { PendingMigrationsError } from './db/migrations.js';
import { systemClock } from './shared/clock.js';
import { createLogger } from './shared/logger.js';
import { onStopSignal, shutDown, type ShutdownStep } from './shared/shutdown.js';

async function main(): Promise<void> {
  let settings;
  let factory;
  try {
    settings = readSettings();
    factory = await loadFactory(settings.factoryConfigPath);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error — the server was not started:\n  ${error.problems.join('\n  ')}`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(settings.logLevel, { fallbackFile: settings.logFile });
  logger.info(
    { factoryConfig: factory.source, database: settings.databaseUrl.replace(/\/\/[^@]*@/, '//***@') },
    'starting',
  );

  let app: App;
  try {
    app = await createApp(
      { settings, factory: factory.config, clock: systemClock, logger },
      { capabilities: factory.capabilities },
    );
  } catch (error) {
    if (error instanceof PendingMigrationsError) {
      logger.fatal({ pending: error.pending }, error.message);
      process.exit(1);
    }
    throw error;
  }
  const server = await app.listen(settings.port);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  logger.info({ port, pid: process.pid, database: app.database.dialect }, 'listening');

  onStopSignal(logger, (signal) => {
    logger.info({ signal, deadlineMs: settings.shutdownTimeoutMs }, 'shutting down');
    void shutDown({
      steps: app.shutdownSteps().map((step) => hangForTest(step, settings.shutdownTestHangStep)),
      deadlineMs: settings.shutdownTimeoutMs,
      logger,
      exit: (code) => process.exit(code),
    });
  });
}

/** SHUTDOWN_TEST_HANG_STEP: the named step never finishes, so a test can watch the deadline act. */
function hangForTest(step: ShutdownStep, hangStep: string | undefined): ShutdownStep {
  return step.name === hangStep ? { name: step.name, run: () => new Promise<void>(() => {}) } : step;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
