import type { Transaction } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import type { Migration } from './migration.js';
import type { LazyMigration } from './lazy-migration.js';
import type { Orm } from './orm.js';

/**
 * Applies `pending` in order, the way MikroORM's migrator does and into the table it keeps (so
 * its CLI sees the same history), without loading it: see {@link Migration}. Where the dialect
 * has transactional DDL (SQLite) all of them commit together or none does; on MySQL, which
 * commits DDL as it goes, each runs on its own and is logged once it has run.
 */
export async function runMigrations(orm: Orm, pending: readonly LazyMigration[]): Promise<string[]> {
  const options = orm.config.get('migrations');
  const driver = orm.em.getDriver() as AbstractSqlDriver;
  await orm.getSchemaGenerator().ensureDatabase();
  await ensureLogTable(driver, options.tableName!);
  const runAll = async (master?: Transaction) => {
    for (const next of pending) {
      const migration = new (await next.load())(driver, orm.config);
      await run(orm, driver, migration, master);
      const log = driver.getConnection().getKnex()(options.tableName!).insert({ name: next.name });
      await (master ? log.transacting(master) : log);
    }
  };
  if (options.transactional && options.allOrNothing) await driver.getConnection().transactional(runAll);
  else await runAll();
  return pending.map((m) => m.name);
}

async function run(
  orm: Orm,
  driver: AbstractSqlDriver,
  migration: Migration,
  master?: Transaction,
): Promise<void> {
  const { transactional, disableForeignKeys } = orm.config.get('migrations');
  const helper = driver.getPlatform().getSchemaHelper()!;
  const statements = async () => {
    await migration.up();
    return [
      ...helper.getSchemaBeginning(orm.config.get('charset'), disableForeignKeys).split('\n'),
      ...migration.getQueries(),
      ...helper.getSchemaEnd(disableForeignKeys).split('\n'),
    ].filter((sql) => sql.trim().length > 0);
  };
  migration.reset();
  if (!transactional || !migration.isTransactional()) {
    for (const sql of await statements()) await driver.execute(sql);
    return;
  }
  await driver.getConnection().transactional(
    async (tx) => {
      migration.setTransactionContext(tx);
      for (const sql of await statements()) await driver.execute(sql, undefined, 'all', tx);
    },
    { ctx: master },
  );
}

/** The log table as MikroORM's migrator creates it. */
async function ensureLogTable(driver: AbstractSqlDriver, table: string): Promise<void> {
  const knex = driver.getConnection().getKnex();
  if (await knex.schema.hasTable(table)) return;
  await knex.schema.createTable(table, (t) => {
    t.increments();
    t.string('name');
    t.dateTime('executed_at').defaultTo(knex.fn.now());
  });
}
