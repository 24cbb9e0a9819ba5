/**
 * `npm run migrate`             apply pending migrations to DATABASE_URL
 * `npm run migration:create -- <name>`  generate the next migration for MySQL/MariaDB and SQLite
 * `npm run migration:check`     fail when the entities and the migrations disagree
 */
import 'dotenv/config';
import { join } from 'node:path';
import { readMigrationMysqlUrl, readSettings } from '../config/env.js';
import { migrationsOf } from '../capabilities/assembled.js';
import { loadFactory } from '../config/load-factory.js';
import { entities, entitiesFor } from '../entities.js';
import { resolveDatabaseTarget, type DatabaseTarget } from './database-target.js';
import { extendOurMigration, writeMigrationIndex } from './migration-index.js';
import { applyMigrations, schemaDrift } from './migrations.js';
import { migrationsPath, migratorOf, openOrm } from './orm.js';
import { createScratchMysql, createScratchSqlite, type ScratchDatabase } from './scratch-database.js';

const MYSQL_URL = readMigrationMysqlUrl();

async function up(): Promise<void> {
  const settings = readSettings();
  const target = await resolveDatabaseTarget(settings.databaseUrl);
  // The factory's plugins bring tables of their own: their migrations follow the core ones.
  const { capabilities } = await loadFactory(settings.factoryConfigPath);
  const orm = await openOrm(
    target,
    entitiesFor(capabilities),
    migrationsOf(capabilities, target.migrationsFolder),
  );
  try {
    const applied = await applyMigrations(orm);
    console.log(applied.length === 0 ? 'No pending migrations.' : `Applied: ${applied.join(', ')}`);
  } finally {
    await orm.close();
  }
}

/** Runs `work` on a fresh database of each dialect with every committed migration applied. */
async function onEachScratch(work: (target: DatabaseTarget) => Promise<void>): Promise<void> {
  const scratches: ScratchDatabase[] = [
    await createScratchMysql(MYSQL_URL, 'sfb_migrate'),
    createScratchSqlite('sfb-migrate'),
  ];
  try {
    for (const scratch of scratches) await work(await resolveDatabaseTarget(scratch.url));
  } finally {
    for (const scratch of scratches) await scratch.drop();
  }
}

async function create(name: string | undefined): Promise<void> {
  if (name === undefined || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    throw new Error('Usage: npm run migration:create -- <CamelCaseName>');
  }
  await onEachScratch(async (target) => {
    const orm = await openOrm(target, entities);
    try {
      await applyMigrations(orm);
      const result = await (
        await migratorOf(orm)
      ).createMigration(migrationsPath(target), false, false, name);
      if (result.fileName) extendOurMigration(join(migrationsPath(target), result.fileName));
      await writeMigrationIndex(migrationsPath(target));
      console.log(
        result.diff.up.length === 0
          ? `${target.dialect}: no changes`
          : `${target.dialect}: ${result.fileName}`,
      );
    } finally {
      await orm.close();
    }
  });
}

async function check(): Promise<void> {
  let drifted = false;
  await onEachScratch(async (target) => {
    const orm = await openOrm(target, entities);
    try {
      await applyMigrations(orm);
      const drift = await schemaDrift(orm);
      if (drift !== '') {
        drifted = true;
        console.error(`${target.dialect}: entities and migrations disagree:\n${drift}`);
      } else console.log(`${target.dialect}: entities and migrations agree`);
    } finally {
      await orm.close();
    }
  });
  if (drifted) process.exitCode = 1;
}

const [command, arg] = process.argv.slice(2);
const commands: Record<string, () => Promise<void>> = { up, create: () => create(arg), check };
const run = commands[command ?? ''];
if (run === undefined) {
  console.error('Usage: migrate-cli.ts up | create <Name> | check');
  process.exitCode = 2;
} else {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
