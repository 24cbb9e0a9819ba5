import type { JobParameters } from 'agenda';
import { resolveDatabaseTarget } from '../../../src/db/database-target.js';
import { openOrm, type Orm } from '../../../src/db/orm.js';
import type { ScratchDatabase } from '../../../src/db/scratch-database.js';
import { entities } from '../../../src/entities.js';
import { copyTestTemplate } from '../../support/database.js';

/** A migrated database of this test file's own, and the ORMs opened on it. */
export interface JobStoreDatabase {
  db: ScratchDatabase;
  orm: Orm;
  /** Another ORM (own connections) on the same database, as a second process would have. */
  openAnother(): Promise<Orm>;
  /** Runs SQL on the test's side, e.g. to read the side-effect table. */
  query(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export async function openJobStoreDatabase(): Promise<JobStoreDatabase> {
  const db = await copyTestTemplate('migrated');
  const open = async () => openOrm(await resolveDatabaseTarget(db.url), entities);
  const orm = await open();
  const others: Orm[] = [];
  return {
    db,
    orm,
    async openAnother() {
      const other = await open();
      others.push(other);
      return other;
    },
    query: (sql, params = []) => orm.em.getConnection().execute(sql, params, 'all'),
    async close() {
      for (const other of others) await other.close();
      await orm.close();
      await db.drop();
    },
  };
}

/** A job as Agenda hands it to `saveJob`, due a minute ago unless told otherwise. */
export function jobParams(name: string, overrides: Partial<JobParameters> = {}): JobParameters {
  return {
    name,
    priority: 0,
    nextRunAt: new Date(Date.now() - 60_000),
    type: 'normal',
    data: {},
    ...overrides,
  };
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
