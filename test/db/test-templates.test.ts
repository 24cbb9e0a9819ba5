import { describe, expect, it } from 'vitest';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { resolveDatabaseTarget } from '../../src/db/database-target.js';
import { migrationStatus, schemaDrift } from '../../src/db/migrations.js';
import { openOrm, type Orm } from '../../src/db/orm.js';
import { seedDemo } from '../../src/demo/seed.js';
import { entities } from '../../src/entities.js';
import { features } from '../../src/features.js';
import { ManualClock } from '../../src/shared/clock.js';
import { copyTestTemplate, testDatabaseKind } from '../support/database.js';
import { DEMO_NOW, startDemoApp, unpricedDemo } from '../support/demo-app.js';
import { startTestApp } from '../support/test-app.js';

/**
 * What no two seeds share: the database's own clock (column defaults, migration times) and
 * the random ids of cards.
 */
const unrepeatable: Record<string, string[]> = {
  mikro_orm_migrations: ['executed_at'],
  people: ['created_at'],
  teams: ['created_at'],
  card_instances: ['id', 'original_ref'],
};

/** Every row of every table, what no two seeds share aside, in a stable order. */
async function contents(orm: Orm): Promise<Record<string, string[]>> {
  const connection = orm.em.getConnection();
  const tables =
    testDatabaseKind() === 'mysql'
      ? await connection.execute<Array<{ name: string }>>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
        )
      : await connection.execute<Array<{ name: string }>>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'",
        );
  const dump: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows: Array<Record<string, unknown>> = await connection.execute(`SELECT * FROM \`${name}\``);
    const masked = unrepeatable[name] ?? [];
    dump[name] = rows
      .map((row) => JSON.stringify(Object.entries(row).filter(([column]) => !masked.includes(column))))
      .sort((a, b) => a.localeCompare(b));
  }
  return dump;
}

/** The next id each table would hand out, where the dialect keeps it apart from the rows. */
async function counters(orm: Orm): Promise<unknown> {
  if (testDatabaseKind() !== 'mysql') return 'kept in sqlite_sequence, compared with the rows';
  return orm.em
    .getConnection()
    .execute(
      'SELECT table_name, auto_increment FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
    );
}

const cardIds = (orm: Orm) => orm.em.getConnection().execute('SELECT id FROM card_instances ORDER BY id');

describe(`template databases on ${testDatabaseKind()}`, () => {
  it('a copy of the migrated template has nothing pending and every key, foreign ones included', async () => {
    const db = await copyTestTemplate('migrated');
    const orm = await openOrm(await resolveDatabaseTarget(db.url), entities);
    try {
      expect((await migrationStatus(orm)).pending).toEqual([]);
      expect(await schemaDrift(orm)).toBe('');
    } finally {
      await orm.close();
      await db.drop();
    }
  });

  it('the seeded template is, row for row and counter for counter, the shop a fresh seed builds', async () => {
    // A card template is the one setting a test may change and still get the seeded copy.
    const factory = { ...defaultFactoryConfig, dingtalk: { cardTemplateId: 'tpl.schema' } };
    const clock = new ManualClock(DEMO_NOW);
    const seededHere = await startTestApp({ features, clock, factory });
    const copied = await startDemoApp({ factory });
    const anotherCopy = await startDemoApp();
    try {
      await seedDemo(
        seededHere.orm.em.fork(),
        clock,
        seededHere.settings.factoryTz,
        seededHere.factory,
        unpricedDemo,
      );
      expect(await contents(copied.orm)).toEqual(await contents(seededHere.orm));
      expect(await counters(copied.orm)).toEqual(await counters(seededHere.orm));
      // Card ids are random per seed: shared ids show both shops came from the one template.
      expect(await cardIds(copied.orm)).toEqual(await cardIds(anotherCopy.orm));
      expect(await cardIds(copied.orm)).not.toEqual(await cardIds(seededHere.orm));
    } finally {
      await anotherCopy.stop();
      await copied.stop();
      await seededHere.stop();
    }
  });
});
