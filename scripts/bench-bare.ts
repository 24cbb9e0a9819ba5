/**
 * What the HTTP benches compare against: a bare Koa route that inserts one row per request
 * into MariaDB, and the measuring loop (p50/p99 latency and requests/second at a concurrency).
 */
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import mysql from 'mysql2/promise';

export interface Figures {
  p50: number;
  p99: number;
  rps: number;
}

export async function measure(
  concurrency: number,
  requests: number,
  send: (i: number) => Promise<void>,
): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        await send(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), rps: requests / seconds };
}

/** The bare route on database `url` (a table of its own is created): its URL and how to close it. */
export async function startBareInsertRoute(url: string): Promise<{ url: string; close(): Promise<void> }> {
  const pool = mysql.createPool({ uri: url, connectionLimit: 10 });
  await pool.query(
    'CREATE TABLE bench_rows (id INT AUTO_INCREMENT PRIMARY KEY, sender VARCHAR(64), body TEXT, created_at DATETIME(3))',
  );
  const koa = new Koa();
  koa.use(bodyParser({ enableTypes: ['xml', 'text', 'json'] }));
  koa.use(async (ctx) => {
    await pool.query('INSERT INTO bench_rows (sender, body, created_at) VALUES (?, ?, NOW(3))', [
      'zhangwei',
      typeof ctx.request.body === 'string' ? ctx.request.body : JSON.stringify(ctx.request.body),
    ]);
    ctx.body = '';
  });
  const server = koa.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}
