import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveDatabaseTarget } from '../../../src/db/database-target.js';
import { ConnectionLease } from '../../../src/db/leases/connection-lease.entity.js';
import { openOrm, type Orm } from '../../../src/db/orm.js';
import type { ScratchDatabase } from '../../../src/db/scratch-database.js';
import { entities } from '../../../src/entities.js';
import { startFakeWecomBot, type FakeWecomBot } from '../../fakes/wecom-bot/server.js';
import { copyTestTemplate, testDatabaseKind } from '../../support/database.js';
import { BOT } from './bot-world.js';

const LEASE_MS = 2000;
const HOLDING = '"msg":"holding the connection lease; opening the connection"';

interface Instance {
  child: ChildProcess;
  /** The node process that listens (tsx runs it as a child of its own). */
  serverPid: number;
  output: () => string;
}

/**
 * Item 12 of issue 16: two server processes on one database, both configured with the same
 * WeCom bot. Exactly one opens the long connection; when it is killed outright, without
 * releasing anything, the other takes the connection over once the lease has run out.
 */
describe(`two server instances with one WeCom bot on ${testDatabaseKind()}`, () => {
  let db: ScratchDatabase;
  let orm: Orm;
  let fake: FakeWecomBot;
  const spawned: ChildProcess[] = [];

  beforeAll(async () => {
    db = await copyTestTemplate('migrated');
    orm = await openOrm(await resolveDatabaseTarget(db.url), entities);
    fake = await startFakeWecomBot(BOT);
  });
  afterEach(() => {
    for (const child of spawned.splice(0)) {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL'); // its whole process group
      } catch {
        // already gone
      }
    }
  });
  afterAll(async () => {
    await fake.close();
    await orm.close();
    await db.drop();
  });

  async function startInstance(): Promise<Instance> {
    const child = spawn('npx', ['tsx', 'src/main.ts'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: '0',
        LOG_LEVEL: 'info',
        DATABASE_URL: db.url,
        WECOM_BOT_ID: BOT.botId,
        WECOM_BOT_SECRET: BOT.secret,
        WECOM_BOT_WS_URL: fake.url,
        WECOM_BOT_RECONNECT_MS: '20',
        CONNECTION_LEASE_MS: String(LEASE_MS),
      },
    });
    spawned.push(child);
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    for (let waited = 0; waited < 90_000; waited += 100) {
      const line = output.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) {
        const { port, pid } = JSON.parse(line) as { port: number; pid: number };
        // A stand-by instance is ready too: the load balancer sends it callbacks and API calls.
        expect(await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status)).toBe(200);
        return { child, serverPid: pid, output: () => output };
      }
      if (child.exitCode !== null) break;
      await sleep(100);
    }
    throw new Error(`the server did not start:\n${output}`);
  }

  const exited = (child: ChildProcess) =>
    child.exitCode !== null
      ? Promise.resolve(child.exitCode)
      : new Promise<number | null>((resolve) => child.once('exit', resolve));

  it('connects from one instance only, and the other takes over within 30 s of a kill -9', async () => {
    const [first, second] = await Promise.all([startInstance(), startInstance()]);
    await fake.waitForConnection({ timeoutMs: 10_000 });
    await sleep(3 * LEASE_MS); // several renewals and attempts by the stand-by
    expect(fake.connectionCounts()).toMatchObject({ total: 1, open: 1, authenticated: 1 });
    const holders = [first, second].filter((i) => i.output().includes(HOLDING));
    expect(holders).toHaveLength(1);
    const holder = holders[0] as Instance;
    const standBy = holder === first ? second : first;

    const killedAt = Date.now();
    process.kill(holder.serverPid, 'SIGKILL');
    await fake.waitForConnection({ nth: 2, timeoutMs: 30_000 });
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    expect(standBy.output()).toContain(HOLDING);
    // The fake notices the killed process's socket closing a moment after the new one opens.
    await vi.waitFor(
      () => expect(fake.connectionCounts()).toMatchObject({ total: 2, open: 1, authenticated: 1 }),
      {
        timeout: 5000,
      },
    );
    const reqId = fake.pushMessage({ userid: 'zhangwei', content: '帮助' });
    expect((await fake.waitForReply(reqId, 15_000)).cmd).toBe('aibot_respond_msg');

    // SIGTERM: the connection closes and the lease is given up, not left to run out.
    process.kill(standBy.serverPid, 'SIGTERM');
    expect(await exited(standBy.child)).toBe(0);
    await vi.waitFor(() => expect(fake.connectionCounts().open).toBe(0), { timeout: 5000 });
    expect(await orm.em.fork().count(ConnectionLease, {})).toBe(0);
  }, 240_000);
});
