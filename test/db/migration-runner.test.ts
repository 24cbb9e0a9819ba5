import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { resolveDatabaseTarget } from '../../src/db/database-target.js';
import { Migration } from '../../src/db/migration.js';
import { extendOurMigration } from '../../src/db/migration-index.js';
import { applyMigrations, migrationStatus } from '../../src/db/migrations.js';
import { migrationNames, migratorOf, openOrm, type Orm } from '../../src/db/orm.js';
import type { ScratchDatabase } from '../../src/db/scratch-database.js';
import { entities } from '../../src/entities.js';
import { createTestDatabase, testDatabaseKind } from '../support/database.js';

class CreateProbe extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table runner_probe (id integer primary key);');
  }
}

class Broken extends Migration {
  override async up(): Promise<void> {
    this.addSql('insert into no_such_table values (1);');
  }
}

const probe = { name: 'Migration20990101000000_RunnerProbe', class: CreateProbe };
const broken = { name: 'Migration20990101000001_Broken', class: Broken };

describe(`our migration runner on ${testDatabaseKind()}`, () => {
  let db: ScratchDatabase;
  let orm: Orm;
  afterEach(async () => {
    await orm.close();
    await db.drop();
  });
  const open = async (extra: Array<typeof probe>) => {
    db = await createTestDatabase();
    orm = await openOrm(await resolveDatabaseTarget(db.url), entities, extra);
  };
  const hasTable = (name: string) =>
    (orm.em.getConnection() as AbstractSqlConnection).getKnex().schema.hasTable(name);

  it('logs what it applies where MikroORM’s migrator looks, in order', async () => {
    await open([probe]);
    const applied = await applyMigrations(orm);
    expect(applied).toEqual(migrationNames(orm));
    expect(await hasTable('runner_probe')).toBe(true);
    const logged = (await (await migratorOf(orm)).getExecutedMigrations()).map((m) => m.name);
    expect(logged).toEqual(migrationNames(orm));
    expect(await applyMigrations(orm)).toEqual([]);
  });

  it('stops at a migration that fails: SQLite keeps nothing of the run, MySQL what ran before it', async () => {
    await open([probe, broken]);
    await expect(applyMigrations(orm)).rejects.toThrow(/no_such_table/);
    const { pending } = await migrationStatus(orm);
    if (testDatabaseKind() === 'sqlite') {
      // DDL is transactional there: all of the run commits, or none of it.
      expect(pending).toEqual(migrationNames(orm));
      expect(await hasTable('runner_probe')).toBe(false);
    } else {
      // MySQL commits DDL as it goes: what ran is logged, and the failed one is tried again.
      expect(pending).toEqual([broken.name]);
      expect(await hasTable('runner_probe')).toBe(true);
    }
  });
});

describe('migration:create', () => {
  it('makes the migration it writes extend our base, not the migrator module’s', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sfb-mig-')), 'Migration20990101000002_X.ts');
    writeFileSync(
      file,
      "import { Migration } from '@mikro-orm/migrations';\n\nexport class X extends Migration {}\n",
    );
    extendOurMigration(file);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(
      "import { Migration } from '../../src/db/migration.js';",
    );
  });
});
