import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDatabaseTarget } from '../../src/db/database-target.js';
import { applyMigrations, migrationStatus, schemaDrift } from '../../src/db/migrations.js';
import { migrationNames, migratorOf, openOrm, type Orm } from '../../src/db/orm.js';
import type { ScratchDatabase } from '../../src/db/scratch-database.js';
import { entities } from '../../src/entities.js';
import { createTestDatabase, testDatabaseKind } from '../support/database.js';

/** What MikroORM's migrator itself says is pending: the answer the cheap status must give. */
async function migratorPending(orm: Orm): Promise<string[]> {
  return (await (await migratorOf(orm)).getPendingMigrations()).map((m) => m.name);
}

describe(`committed migrations on ${testDatabaseKind()}`, () => {
  let db: ScratchDatabase;
  let orm: Orm;
  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await openOrm(await resolveDatabaseTarget(db.url), entities);
  });
  afterAll(async () => {
    await orm.close();
    await db.drop();
  });

  it('are all pending on a database never migrated, found without loading one', async () => {
    const { pending } = await migrationStatus(orm);
    expect(pending).toEqual(migrationNames(orm));
    expect(pending.length).toBeGreaterThan(30);
    expect(orm.config.get('migrations').migrationsList).toEqual([]);
    expect(pending).toEqual(await migratorPending(orm));
  });

  it('once some were applied, leave the rest pending, as the migrator says', async () => {
    const third = migrationNames(orm)[2]!;
    await (await migratorOf(orm)).up({ to: third });
    const { pending } = await migrationStatus(orm);
    expect(pending).toEqual(migrationNames(orm).slice(3));
    expect(pending).toEqual(await migratorPending(orm));
  });

  it('build exactly the schema the entities describe (run `npm run migration:create -- Name` after changing an entity)', async () => {
    expect((await applyMigrations(orm)).length).toBe(migrationNames(orm).length - 3);
    expect(await schemaDrift(orm)).toBe('');
  });

  it('once all were applied, leave none pending', async () => {
    expect((await migrationStatus(orm)).pending).toEqual([]);
    expect(await migratorPending(orm)).toEqual([]);
  });
});
