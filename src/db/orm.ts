import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MikroORM,
  type AnyEntity,
  type EntitySchema,
  type IMigrator,
  type MigrationObject,
  type Options,
} from '@mikro-orm/core';
import type { DatabaseTarget } from './database-target.js';
import { alreadyLoaded, loaded, type LazyMigration } from './lazy-migration.js';
import { FieldBounds } from './field-bounds.js';

export type Orm = MikroORM;

/** The folder of package.json above this module: src/db from the sources, dist/server when bundled. */
function repoRootAbove(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return `${dir}/`;
}

const repoRoot = repoRootAbove(dirname(fileURLToPath(import.meta.url)));

/** Where `migration:create` writes; running code gets its migrations from the folder's index. */
export function migrationsPath(target: DatabaseTarget): string {
  return `${repoRoot}migrations/${target.migrationsFolder}`;
}

async function ormOptions(target: DatabaseTarget, entities: EntitySchema<AnyEntity>[]): Promise<Options> {
  const common: Options = {
    entities,
    subscribers: [new FieldBounds()],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
    migrations: {
      path: migrationsPath(target),
      // Listed, not globbed: test runners and tsx cannot make Node's own import load a .ts file.
      // Set by `migratorOf` when first needed, with every migration loaded.
      migrationsList: [],
      tableName: 'mikro_orm_migrations',
      silent: true,
      // MySQL commits DDL implicitly, so a migration transaction there only pretends.
      transactional: target.dialect === 'sqlite',
      allOrNothing: target.dialect === 'sqlite',
      snapshot: false,
      emit: 'ts',
      // A name is required: two migrations made in the same second would otherwise collide.
      fileName: (timestamp, name) => `Migration${timestamp}_${name ?? 'change'}`,
    },
  };
  return { ...common, ...(await driverOptions(target)) };
}

/** This dialect's migrations only: the other's are as many modules again, never run here. */
async function coreMigrations(target: DatabaseTarget): Promise<readonly LazyMigration[]> {
  return target.migrationsFolder === 'mysql'
    ? (await import('../../migrations/mysql/index.js')).migrations
    : (await import('../../migrations/sqlite/index.js')).migrations;
}

/** Every migration of an open ORM, core ones first: plugins' tables may refer to core tables. */
const migrationsOfOrm = new WeakMap<Orm, readonly LazyMigration[]>();

export function lazyMigrationsOf(orm: Orm): readonly LazyMigration[] {
  return migrationsOfOrm.get(orm) ?? [];
}

export function migrationNames(orm: Orm): string[] {
  return lazyMigrationsOf(orm).map((m) => m.name);
}

/**
 * MikroORM's migrator, for `migration:create` (applying is `runMigrations`'s), made once per
 * ORM with every migration in its list: it reads the list
 * when it is made. Registered here rather than left to MikroORM's own lookup of the package,
 * which does not find it from every context (Vitest's global set-up, for one).
 */
const migrators = new WeakMap<Orm, Promise<IMigrator>>();

export function migratorOf(orm: Orm): Promise<IMigrator> {
  let migrator = migrators.get(orm);
  if (!migrator) {
    migrator = makeMigrator(orm).catch((error: unknown) => {
      migrators.delete(orm); // the next call tries again
      throw error;
    });
    migrators.set(orm, migrator);
  }
  return migrator;
}

async function makeMigrator(orm: Orm): Promise<IMigrator> {
  const [list, { Migrator }] = await Promise.all([
    loaded(migrationsOfOrm.get(orm) ?? []),
    import('@mikro-orm/migrations'),
  ]);
  orm.config.get('migrations').migrationsList = list;
  Migrator.register(orm);
  return orm.migrator;
}

/**
 * Only the dialect in use is loaded: the other drivers' client libraries and SQL dialects would
 * cost every server memory and start-up time for code it never runs.
 */
async function driverOptions(target: DatabaseTarget): Promise<Options> {
  if (target.dialect === 'sqlite') {
    const { SharedFileSqliteDriver } = await import('./sqlite-driver.js');
    return { driver: SharedFileSqliteDriver, dbName: target.location };
  }
  return {
    driver:
      target.dialect === 'mariadb'
        ? (await import('@mikro-orm/mariadb')).MariaDbDriver
        : (await import('@mikro-orm/mysql')).MySqlDriver,
    clientUrl: target.location,
    timezone: '+00:00',
    pool: { min: 0, max: 10 },
  };
}

/** `extraMigrations`: the plugins' migrations for this dialect (see `migrationsOf`). */
export async function openOrm(
  target: DatabaseTarget,
  entities: EntitySchema<AnyEntity>[],
  extraMigrations: readonly MigrationObject[] = [],
): Promise<Orm> {
  const orm = await MikroORM.init(await ormOptions(target, entities));
  migrationsOfOrm.set(orm, [...(await coreMigrations(target)), ...extraMigrations.map(alreadyLoaded)]);
  if (target.dialect === 'sqlite' && target.location !== ':memory:') {
    // The chat console and the server may share the embedded file: readers do not block the
    // writer (the mode stays with the file). Waiting for the lock is the driver's business.
    await orm.em.getConnection().execute('PRAGMA journal_mode = WAL');
  }
  return orm;
}
