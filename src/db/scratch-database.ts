import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
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
  // The wall clock, not Date: tests that fake Date must not make their database look stale
  // to another run's clean-up of databases left over from crashed runs.
  const createdAt = Math.floor(performance.timeOrigin + performance.now());
  const name = `${prefix}_${createdAt.toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await mysql.createConnection(serverUrl(baseUrl));
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const conn = await mysql.createConnection(serverUrl(baseUrl));
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${databaseName(url.toString())}\``);
      } finally {
        await conn.end();
      }
    },
  };
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
