import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * MariaDB and MySQL 8 speak the same wire protocol but MikroORM's drivers differ in how
 * they read back JSON and nullable columns; the right driver keeps the schema diff clean.
 * Operators write `mysql://` for either, so a `mysql://` URL is asked what it is.
 */
export type Dialect = 'mysql' | 'mariadb' | 'sqlite';

export interface DatabaseTarget {
  dialect: Dialect;
  /** `mysql://…` for the server dialects, the file path for SQLite. */
  location: string;
  /** MariaDB and MySQL share one set of migrations; SQLite has its own. */
  migrationsFolder: 'mysql' | 'sqlite';
}

export async function resolveDatabaseTarget(url: string): Promise<DatabaseTarget> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    return { dialect: 'sqlite', location: path, migrationsFolder: 'sqlite' };
  }
  const location = url.replace(/^mariadb:/, 'mysql:');
  if (url.startsWith('mariadb:')) return { dialect: 'mariadb', location, migrationsFolder: 'mysql' };
  const version = await serverVersion(location);
  return { dialect: /mariadb/i.test(version) ? 'mariadb' : 'mysql', location, migrationsFolder: 'mysql' };
}

/** mysql2 is loaded here, not at start-up: a server on SQLite never needs it. */
async function serverVersion(url: string): Promise<string> {
  const { default: mysql } = await import('mysql2/promise');
  const connection = await mysql.createConnection(serverUrl(url));
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return String((rows as Array<{ version: string }>)[0]?.version ?? '');
  } finally {
    await connection.end();
  }
}

/** The same URL without its database, for creating or dropping that database. */
export function serverUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/';
  return parsed.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}
