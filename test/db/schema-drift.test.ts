import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDatabaseTarget } from '../../src/db/database-target.js';
import { applyMigrations, schemaDrift } from '../../src/db/migrations.js';
import { openOrm, type Orm } from '../../src/db/orm.js';
import type { ScratchDatabase } from '../../src/db/scratch-database.js';
import { entities } from '../../src/entities.js';
import { createTestDatabase, testDatabaseKind } from '../support/database.js';

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

  it('build exactly the schema the entities describe (run `npm run migration:create -- Name` after changing an entity)', async () => {
    expect((await applyMigrations(orm)).length).toBeGreaterThan(0);
    expect(await schemaDrift(orm)).toBe('');
  });
});
