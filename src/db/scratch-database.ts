import { randomBytes } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { databaseName, serverUrl } from './database-target.js';

/** A throw-away database: one per test file, or one per migration generation. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createScratchMysql(baseUrl: string, prefix: string): Promise<ScratchDatabase> {
  const url = scratchMysqlUrl(baseUrl, prefix);
  await runOnServer(baseUrl, createDatabaseSql(databaseName(url)));
  return scratchMysql(url);
}

/**
 * A new database holding exactly what `templateUrl` holds: tables, keys, foreign keys, rows and
 * auto-increment counters, the migrations table included, so the app's migrator finds nothing
 * to do. One round trip of DDL instead of a migration run; the template must not change.
 */
export async function copyScratchMysql(templateUrl: string, prefix: string): Promise<ScratchDatabase> {
  const url = scratchMysqlUrl(templateUrl, prefix);
  const copy = await copyScriptOf(templateUrl);
  await runOnServer(
    templateUrl,
    [createDatabaseSql(databaseName(url)), `USE ${quoted(databaseName(url))}`, copy].join(';\n'),
  );
  return scratchMysql(url);
}

export function createScratchSqlite(prefix: string): ScratchDatabase {
  const path = join(tmpdir(), `${prefix}-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
  return {
    url: `sqlite:${path}`,
    async drop() {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
    },
  };
}

/** A copy of a closed, checkpointed SQLite template file (its WAL folded in, so the file is all). */
export function copyScratchSqlite(templateUrl: string, prefix: string): ScratchDatabase {
  const copy = createScratchSqlite(prefix);
  copyFileSync(sqlitePath(templateUrl), sqlitePath(copy.url));
  return copy;
}

function sqlitePath(url: string): string {
  return url.slice('sqlite:'.length);
}

function scratchMysqlUrl(baseUrl: string, prefix: string): string {
  // The wall clock, not Date: tests that fake Date must not make their database look stale
  // to another run's clean-up of databases left over from crashed runs.
  const createdAt = Math.floor(performance.timeOrigin + performance.now());
  const url = new URL(baseUrl);
  url.pathname = `/${prefix}_${createdAt.toString(36)}_${randomBytes(3).toString('hex')}`;
  return url.toString();
}

function scratchMysql(url: string): ScratchDatabase {
  return {
    url,
    drop: () => runOnServer(url, `DROP DATABASE IF EXISTS ${quoted(databaseName(url))}`),
  };
}

function createDatabaseSql(name: string): string {
  return `CREATE DATABASE ${quoted(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;
}

const quoted = (identifier: string) => `\`${identifier.replaceAll('`', '``')}\``;

async function runOnServer(url: string, sql: string): Promise<void> {
  const conn = await mysql.createConnection({ uri: serverUrl(url), multipleStatements: true });
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

/** The template is read once per process: it does not change while copies are taken. */
const copyScripts = new Map<string, Promise<string>>();

function copyScriptOf(templateUrl: string): Promise<string> {
  let script = copyScripts.get(templateUrl);
  if (!script) {
    script = readCopyScript(templateUrl);
    copyScripts.set(templateUrl, script);
  }
  return script;
}

/**
 * SHOW CREATE TABLE, unlike CREATE TABLE … LIKE, keeps the foreign keys and the auto-increment
 * counter; checks are off so tables and rows may come in any order.
 */
async function readCopyScript(templateUrl: string): Promise<string> {
  const template = databaseName(templateUrl);
  const conn = await mysql.createConnection(templateUrl);
  try {
    const [tables] = await conn.query<mysql.RowDataPacket[]>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name",
      [template],
    );
    const statements = ['SET SESSION foreign_key_checks = 0'];
    for (const { name } of tables as Array<{ name: string }>) {
      const [[created]] = await conn.query<mysql.RowDataPacket[]>(`SHOW CREATE TABLE ${quoted(name)}`);
      statements.push(String(created?.['Create Table']));
      const [[{ filled } = { filled: 0 }]] = await conn.query<mysql.RowDataPacket[]>(
        `SELECT EXISTS (SELECT 1 FROM ${quoted(name)}) AS filled`,
      );
      if (Number(filled) === 1)
        statements.push(`INSERT INTO ${quoted(name)} SELECT * FROM ${quoted(template)}.${quoted(name)}`);
    }
    statements.push('SET SESSION foreign_key_checks = 1');
    return statements.join(';\n');
  } finally {
    await conn.end();
  }
}
