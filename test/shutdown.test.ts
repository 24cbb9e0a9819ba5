import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * The server as an operator or a supervisor runs it — `npm start`, or the built entry it
 * execs — always on a fresh embedded SQLite file, on a port of its own choosing.
 */
interface Started {
  child: ChildProcess;
  /** The process that listens: `node scripts/start.mjs` importing the bundle dist/server/main.js. */
  serverPid: number;
  port: number;
  output: () => string;
}

const spawned: ChildProcess[] = [];

beforeAll(() => {
  // One build for the whole file; the starts below find dist/ up to date.
  const build = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { encoding: 'utf8' });
  expect(build.status, build.stderr + build.stdout).toBe(0);
}, 400_000);

afterEach(() => {
  for (const child of spawned.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL'); // its whole process group
    } catch {
      // already gone
    }
  }
});

async function start(command: string[], env: Record<string, string> = {}): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'sfb-shutdown-'));
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
      ...env,
    },
  });
  spawned.push(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  for (let waited = 0; waited < 60_000; waited += 100) {
    const line = output.split('\n').find((l) => l.includes('"msg":"listening"'));
    if (line) {
      const { port, pid } = JSON.parse(line) as { port: number; pid: number };
      await waitForReady(port);
      return { child, serverPid: pid, port, output: () => output };
    }
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`the server did not start:\n${output}`);
}

async function waitForReady(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(100);
  }
  throw new Error('/readyz never answered 200');
}

/** A zombie (exited, not yet reaped by an init that may never reap it) counts as gone. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitUntilGone(pids: number[], limitMs: number): Promise<number> {
  const began = Date.now();
  while (pids.some(running) && Date.now() - began < limitMs) await sleep(25);
  return Date.now() - began;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function portIsFree(port: number): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

describe('stopping the server', () => {
  it.each([
    ['the server process', (s: Started) => s.serverPid],
    ['npm, the process a wrapper spawned', (s: Started) => s.child.pid as number],
  ])(
    'stops within the deadline when %s gets SIGTERM after the reader of its output went away',
    async (_, target) => {
      const logFile = join(mkdtempSync(join(tmpdir(), 'sfb-log-')), 'server.log');
      const server = await start(['npm', 'start'], { LOG_FILE: logFile });
      // The wrapper exits without reading further: our ends of its stdout and stderr close.
      server.child.stdout?.destroy();
      server.child.stderr?.destroy();

      process.kill(target(server), 'SIGTERM');
      const took = await waitUntilGone([server.serverPid, server.child.pid as number], 15_000);

      expect(running(server.serverPid)).toBe(false);
      expect(running(server.child.pid as number)).toBe(false);
      expect(took).toBeLessThan(10_000);
      expect(await portIsFree(server.port)).toBe(true);
      const log = readFileSync(logFile, 'utf8');
      expect(log).toContain('"reason":"EPIPE"');
      expect(log).toContain('"msg":"standard output failed; logging continues in the fallback file"');
      expect(log).toContain('"msg":"stopped"');
    },
    120_000,
  );

  it('exits 1 at the deadline when a shutdown step hangs, naming the step', async () => {
    const server = await start([process.execPath, 'scripts/start.mjs'], {
      SHUTDOWN_TIMEOUT_MS: '1500',
      SHUTDOWN_TEST_HANG_STEP: 'agenda',
    });
    const exited = exitOf(server.child);
    const began = Date.now();
    process.kill(server.serverPid, 'SIGTERM');
    const code = await exited;
    const took = Date.now() - began;

    expect(code).toBe(1);
    expect(took).toBeGreaterThanOrEqual(1500);
    expect(took).toBeLessThan(4500);
    expect(server.output()).toMatch(
      /"waitingFor":"agenda","deadlineMs":1500,"msg":"shutdown deadline passed; exiting without waiting further"/,
    );
    expect(server.output()).not.toContain('"msg":"stopped"');
    expect(await portIsFree(server.port)).toBe(true);
  }, 120_000);

  it('exits at once on SIGINT while a shutdown is under way', async () => {
    const server = await start([process.execPath, 'scripts/start.mjs'], {
      SHUTDOWN_TIMEOUT_MS: '60000',
      SHUTDOWN_TEST_HANG_STEP: 'outbox-dispatcher',
    });
    const exited = exitOf(server.child);
    process.kill(server.serverPid, 'SIGTERM');
    while (!server.output().includes('"msg":"shutting down"')) await sleep(25);
    const began = Date.now();
    process.kill(server.serverPid, 'SIGINT');
    const code = await exited;

    expect(code).toBe(130);
    expect(Date.now() - began).toBeLessThan(2000);
    expect(server.output()).toContain('"signal":"SIGINT","msg":"signal during shutdown; exiting at once"');
  }, 120_000);
});
