import { resolveDatabaseTarget } from '../../src/db/database-target.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { openOrm } from '../../src/db/orm.js';
import {
  copyScratchMysql,
  copyScratchSqlite,
  createScratchMysql,
  createScratchSqlite,
  type ScratchDatabase,
} from '../../src/db/scratch-database.js';
import { entities } from '../../src/entities.js';
import { seedDemoTemplate } from './demo-app.js';
import type { TestDatabaseChoice } from './global-setup.js';

export type TemplateName = 'migrated' | 'demo';

/** Database URLs of the run's templates; tests take copies, never write to them. */
export type TemplateUrls = Record<TemplateName, string>;

export interface Templates {
  urls: TemplateUrls;
  drop(): Promise<void>;
}

/**
 * Migrates one database and seeds a copy of it with the demo, once per run, so that a test
 * pays a copy instead of a migration run (and a demo seed). Named like every test database,
 * so a crashed run's templates are cleared with the rest.
 */
export async function buildTemplates(choice: TestDatabaseChoice): Promise<Templates> {
  const built: ScratchDatabase[] = [];
  try {
    const migrated =
      choice.kind === 'mysql' ? await createScratchMysql(choice.url, 'sfb_t') : createScratchSqlite('sfb-t');
    built.push(migrated);
    await migrate(migrated.url);
    const demo =
      choice.kind === 'mysql'
        ? await copyScratchMysql(migrated.url, 'sfb_t')
        : copyScratchSqlite(migrated.url, 'sfb-t');
    built.push(demo);
    await seedDemoTemplate(demo);
    return { urls: { migrated: migrated.url, demo: demo.url }, drop: () => dropAll(built) };
  } catch (error) {
    await dropAll(built);
    throw error;
  }
}

async function migrate(url: string): Promise<void> {
  const orm = await openOrm(await resolveDatabaseTarget(url), entities);
  try {
    await applyMigrations(orm);
  } finally {
    await orm.close();
  }
}

async function dropAll(databases: ScratchDatabase[]): Promise<void> {
  for (const db of databases) await db.drop();
}
