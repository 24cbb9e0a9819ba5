import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { runMigrations } from './migration-runner.js';
import { lazyMigrationsOf, migrationNames, type Orm } from './orm.js';

export interface MigrationStatus {
  pending: string[];
}

/**
 * What is still to apply, from the names the migrator would log and the table it logs them in:
 * asking the migrator itself would load every migration and the migrator, on every start and
 * every /readyz, to find nothing to do.
 */
export async function migrationStatus(orm: Orm): Promise<MigrationStatus> {
  const executed = new Set(await executedMigrations(orm));
  return { pending: migrationNames(orm).filter((name) => !executed.has(name)) };
}

async function executedMigrations(orm: Orm): Promise<string[]> {
  const table = orm.config.get('migrations').tableName ?? 'mikro_orm_migrations';
  const knex = (orm.em.getConnection() as AbstractSqlConnection).getKnex();
  if (!(await knex.schema.hasTable(table))) return []; // a database never migrated
  const rows: Array<{ name: string }> = await knex(table).select('name');
  return rows.map((r) => r.name);
}

export async function applyMigrations(orm: Orm): Promise<string[]> {
  const executed = new Set(await executedMigrations(orm));
  return runMigrations(
    orm,
    lazyMigrationsOf(orm).filter((m) => !executed.has(m.name)),
  );
}

/** SQL that would bring the database in line with the entities; empty when they agree. */
export async function schemaDrift(orm: Orm): Promise<string> {
  const sql = await orm
    .getSchemaGenerator()
    .getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
  return sql.trim();
}

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The database has ${pending.length} pending migration(s): ${pending.join(', ')}. ` +
        'Run `npm run migrate` (or start with AUTO_MIGRATE=true) first.',
    );
    this.name = 'PendingMigrationsError';
  }
}
