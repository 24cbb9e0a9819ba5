import type { Orm } from './orm.js';

export interface MigrationStatus {
  pending: string[];
}

export async function migrationStatus(orm: Orm): Promise<MigrationStatus> {
  const pending = await orm.getMigrator().getPendingMigrations();
  return { pending: pending.map((m) => m.name) };
}

export async function applyMigrations(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
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
