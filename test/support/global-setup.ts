import mysql from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import { serverUrl } from '../../src/db/database-target.js';
import { buildTemplates, type TemplateUrls } from './templates.js';

export interface TestDatabaseChoice {
  kind: 'mysql' | 'sqlite';
  /** Server URL (no database) for MySQL; unused for SQLite. */
  url: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseChoice;
    testTemplates: TemplateUrls;
  }
}

const LOCAL_MYSQL = 'mysql://root@127.0.0.1:3306/';

/**
 * Picks the database for the whole run: TEST_DB=sqlite forces SQLite; TEST_DATABASE_URL
 * demands MySQL and fails when it cannot be reached (CI must never fall back silently);
 * otherwise a MySQL answering locally is used, and SQLite when none does. Then builds the
 * run's template databases, dropped again when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const choice = await chooseDatabase();
  if (choice.kind === 'mysql') await dropStaleTestDatabases(choice.url);
  console.log(
    `[tests] database: ${choice.kind === 'mysql' ? `MySQL/MariaDB at ${choice.url}` : 'embedded SQLite'}`,
  );
  project.provide('testDatabase', choice);
  const templates = await buildTemplates(choice);
  project.provide('testTemplates', templates.urls);
  return templates.drop;
}

async function chooseDatabase(): Promise<TestDatabaseChoice> {
  if (process.env.TEST_DB === 'sqlite') return { kind: 'sqlite', url: '' };
  const demanded = process.env.TEST_DATABASE_URL;
  const url = serverUrl(demanded ?? LOCAL_MYSQL);
  try {
    const conn = await mysql.createConnection({ uri: url, connectTimeout: 3000 });
    await conn.end();
    return { kind: 'mysql', url };
  } catch (error) {
    if (demanded)
      throw new Error(`TEST_DATABASE_URL=${demanded} cannot be reached: ${(error as Error).message}`, {
        cause: error,
      });
    return { kind: 'sqlite', url: '' };
  }
}

/** Test files drop their own databases; this clears what crashed runs left behind over an hour ago. */
async function dropStaleTestDatabases(url: string): Promise<void> {
  const conn = await mysql.createConnection(url);
  try {
    const [rows] = await conn.query("SHOW DATABASES LIKE 'sfb\\_t\\_%'");
    const hourAgo = Date.now() - 3_600_000;
    for (const row of rows as Array<Record<string, string>>) {
      const name = Object.values(row)[0] ?? '';
      const created = parseInt(name.split('_')[2] ?? '', 36);
      if (Number.isFinite(created) && created < hourAgo)
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  } finally {
    await conn.end();
  }
}
