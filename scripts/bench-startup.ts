/**
 * `npm run bench:startup`: starts the built server as `npm start` would (scripts/start.mjs,
 * which builds first when the sources changed) on a fresh SQLite file in a temp dir, and prints
 * the time until GET /readyz answers 200, the CPU time the server spent to get there (user and
 * system: on a shared host whose speed wanders, the figure that compares two builds), and the
 * server's resident memory after 10 s idle.
 * Median of BENCH_RUNS runs (default 3; idle memory wanders by ±5 MB with when V8 last collected,
 * so compare builds on 9 or more). The memory is the node process's own VmRSS, read from /proc
 * (Linux only).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const IDLE_MS = 10_000;
const READY_TIMEOUT_MS = 30_000;
const root = new URL('..', import.meta.url).pathname;
const startScript = join(root, 'scripts/start.mjs');
const startCommand = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start;

interface Run {
  readyMs: number;
  readyCpuMs: number;
  idleRssMb: number;
}

const clockTicksPerSecond = Number(
  spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100,
);

/** User plus system CPU time of a process so far, from /proc (fields 14 and 15 of its stat). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after it are counted from its `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) / 1024;
}

async function isReady(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`);
    return response.status === 200;
  } catch {
    return false; // not listening yet
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function runOnce(): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'sfb-bench-startup-'));
  const port = await freePort();
  const started = performance.now();
  // The start script itself (`exec node …`), not npm: the shell becomes the server, so the pid
  // is the server's and its VmRSS is what we measure, with the node flags `npm start` uses.
  const child = spawn('sh', ['-c', startCommand], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    while (!(await isReady(port))) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before ready`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error('server not ready in 30 s');
      await sleep(20);
    }
    const readyMs = performance.now() - started;
    const readyCpuMs = cpuMs(child.pid ?? 0);
    await sleep(IDLE_MS);
    return { readyMs, readyCpuMs, idleRssMb: rssMb(child.pid ?? 0) };
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

// Build once up front, so no run pays for compiling.
const build = spawnSync(process.execPath, [startScript, '--build-only'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  const run = await runOnce();
  console.log(
    `run ${i + 1}: ready ${run.readyMs.toFixed(0)} ms (CPU ${run.readyCpuMs.toFixed(0)} ms), ` +
      `idle RSS ${run.idleRssMb.toFixed(1)} MB`,
  );
  runs.push(run);
}
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
console.log(
  `median of ${RUNS}: time to /readyz 200 ${median(runs.map((r) => r.readyMs)).toFixed(0)} ms ` +
    `(CPU ${median(runs.map((r) => r.readyCpuMs)).toFixed(0)} ms), ` +
    `idle RSS after ${IDLE_MS / 1000} s ${median(runs.map((r) => r.idleRssMb)).toFixed(1)} MB ` +
    `(load average ${load})`,
);
