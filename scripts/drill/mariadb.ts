import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';

/**
 * A MariaDB of the drill's own, on its own port and data directory, so that it can be
 * killed and frozen without touching the shared server on 3306. The data directory lives
 * across restarts: a restart is a crash recovery, as it would be in production.
 */
export class ThrowawayMariadb {
  private server: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'sfb-drill-db-'));

  constructor(readonly port: number) {}

  url(database: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  async install(): Promise<void> {
    // --no-defaults: the machine's my.cnf names the mysql user and the shared datadir.
    const installed = spawnSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${this.dataDir}`,
        '--user=root',
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { encoding: 'utf8' },
    );
    if (installed.status !== 0) throw new Error(`mariadb-install-db failed:\n${installed.stderr}`);
    await this.start();
  }

  async start(): Promise<void> {
    this.server = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${this.dataDir}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        '--user=root',
        // Grants are not under test; the app connects as root without a password.
        '--skip-grant-tables',
        '--innodb-buffer-pool-size=128M',
        '--max-connections=500',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    this.server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    for (let waited = 0; waited < 30_000; waited += 100) {
      if (await this.answers()) return;
      if (this.server.exitCode !== null) break;
      await sleep(100);
    }
    throw new Error(`the drill's MariaDB did not start:\n${log}`);
  }

  /** The outage a power cut or an OOM kill gives: no shutdown, connections cut mid-statement. */
  async kill(): Promise<void> {
    const server = this.server;
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  }

  /** A hung server: connections stay open and nothing answers (SIGSTOP). */
  freeze(): void {
    this.server?.kill('SIGSTOP');
  }

  thaw(): void {
    this.server?.kill('SIGCONT');
  }

  async createDatabase(name: string): Promise<void> {
    const connection = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
    try {
      await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await connection.end();
    }
  }

  async query<T>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const connection = await mysql.createConnection({
      host: '127.0.0.1',
      port: this.port,
      user: 'root',
      database,
    });
    try {
      const [rows] = await connection.query(sql, params);
      return rows as T[];
    } finally {
      await connection.end();
    }
  }

  async destroy(): Promise<void> {
    this.thaw();
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private async answers(): Promise<boolean> {
    try {
      const connection = await mysql.createConnection({
        host: '127.0.0.1',
        port: this.port,
        user: 'root',
        connectTimeout: 1000,
      });
      await connection.end();
      return true;
    } catch {
      return false;
    }
  }
}
