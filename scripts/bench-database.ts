import { resolveDatabaseTarget } from '../src/db/database-target.js';
import { applyMigrations } from '../src/db/migrations.js';
import { openOrm, type Orm } from '../src/db/orm.js';
import { createScratchMysql } from '../src/db/scratch-database.js';
import { entities } from '../src/entities.js';

export interface BenchDatabase {
  url: string;
  orm: Orm;
  /** Closes the ORM and drops the scratch database. */
  close(): Promise<void>;
}

/** A migrated scratch MySQL/MariaDB database for a benchmark; MIGRATION_MYSQL_URL picks the server. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const scratch = await createScratchMysql(
    process.env.MIGRATION_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/',
    'sfb_bench',
  );
  const orm = await openOrm(await resolveDatabaseTarget(scratch.url), entities);
  try {
    await applyMigrations(orm);
  } catch (error) {
    await orm.close();
    await scratch.drop();
    throw error;
  }
  return {
    url: scratch.url,
    orm,
    async close() {
      await orm.close();
      await scratch.drop();
    },
  };
}
