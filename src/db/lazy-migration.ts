import type { Constructor, MigrationObject } from '@mikro-orm/core';
import type { Migration } from './migration.js';

/**
 * A migration known by name, its module loaded only when it is to run: a start with nothing to
 * apply loads none of them.
 */
export interface LazyMigration {
  name: string;
  load: () => Promise<Constructor<Migration>>;
}

export async function loaded(migrations: readonly LazyMigration[]): Promise<MigrationObject[]> {
  return Promise.all(migrations.map(async (m) => ({ name: m.name, class: await m.load() })));
}

/** A plugin's migration, whose class came with the plugin's module. */
export function alreadyLoaded(migration: MigrationObject): LazyMigration {
  return { name: migration.name, load: async () => migration.class as Constructor<Migration> };
}
