import type { Server } from 'node:http';
import type Koa from 'koa';
import type { FactoryConfig } from './config/factory-config.js';
import type { Settings } from './config/env.js';
import { resolveDatabaseTarget, type DatabaseTarget } from './db/database-target.js';
import { applyMigrations, migrationStatus, PendingMigrationsError } from './db/migrations.js';
import { openOrm, type Orm } from './db/orm.js';
import { databaseReadiness } from './db/readiness.js';
import { entities } from './entities.js';
import { healthRoutes } from './http/health-routes.js';
import { createHttpApp } from './http/http-app.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';

export interface AppDeps {
  settings: Settings;
  factory: FactoryConfig;
  clock: Clock;
  logger: Logger;
}

/** The assembled service: one ORM, one HTTP app, and whatever runs in the background. */
export interface App extends AppDeps {
  orm: Orm;
  database: DatabaseTarget;
  http: Koa;
  listen(port: number, host?: string): Promise<Server>;
  close(): Promise<void>;
}

/**
 * Opens the database and refuses to go on while migrations are pending, unless told to
 * apply them. The embedded SQLite file is the zero-setup demo mode, so it is always migrated.
 */
export async function createApp(deps: AppDeps): Promise<App> {
  const database = await resolveDatabaseTarget(deps.settings.databaseUrl);
  const orm = await openOrm(database, entities);
  try {
    const { pending } = await migrationStatus(orm);
    if (pending.length > 0) {
      if (database.dialect !== 'sqlite' && !deps.settings.autoMigrate)
        throw new PendingMigrationsError(pending);
      const applied = await applyMigrations(orm);
      deps.logger.info({ applied }, 'migrations applied');
    }
  } catch (error) {
    await orm.close();
    throw error;
  }

  const http = createHttpApp(deps.logger, [healthRoutes(databaseReadiness(orm))]);
  let server: Server | undefined;

  return {
    ...deps,
    orm,
    database,
    http,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const s = http.listen(port, host, () => resolve(s));
        s.once('error', reject);
        server = s;
      });
    },
    async close() {
      if (server) {
        const closing = new Promise<void>((resolve) => server?.close(() => resolve()));
        server.closeIdleConnections();
        await closing;
      }
      await orm.close();
    },
  };
}
