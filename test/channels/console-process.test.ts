import { spawn } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/channels/console/console-adapter.js';
import { OutboxDispatcher } from '../../src/chat/outbox/dispatcher.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { createScratchSqlite } from '../../src/db/scratch-database.js';
import { features } from '../../src/features.js';
import { createLogger } from '../../src/shared/logger.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The server and `npm run chat` side by side on one embedded file, as two real processes:
 * SQLite's locks are per connection, and a busy wait blocks the waiting process only.
 */
describe('a console process beside the server on one SQLite file', () => {
  const db = createScratchSqlite('sfb-console');
  const factoryPath = join(tmpdir(), `sfb-console-${process.pid}.yaml`);
  let server: TestApp;
  beforeAll(async () => {
    writeFileSync(factoryPath, castYaml);
    server = await startTestApp({ db, factory: castYaml, features });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db.drop();
    rmSync(factoryPath, { force: true });
  });

  /** The server pushes a text to a person, as a reminder or a dispatch would. */
  const push = (personId: string, text: string) =>
    server.orm.em
      .fork()
      .transactional((tx) =>
        server.chat.outbox.enqueue(tx, { kind: 'person', personId }, { kind: 'text', text }),
      );

  /** A unit of work that reads before it writes, as the chat engine's does. */
  const readThenWrite = (text: string) =>
    server.orm.em.fork().transactional(async (tx) => {
      await tx.count(OutboxMessage, {});
      await new Promise((resolve) => setTimeout(resolve, 5));
      await server.chat.outbox.enqueue(tx, { kind: 'person', personId: 'zhangwei' }, { kind: 'text', text });
    });

  it('both write side by side without "database is locked", and a push to the person prints in their console only', async () => {
    const child = spawn('npx', ['tsx', 'src/channels/console/chat-cli.ts', '--as', 'liuyang'], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        FACTORY_CONFIG: factoryPath,
        LOG_LEVEL: 'warn',
        CONSOLE_CHANNEL: 'true',
        PUBLIC_URL: 'https://bot.example.com',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const until = async (done: () => boolean) => {
      const deadline = Date.now() + 120_000;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    };

    child.stdin.write('帮助\n');
    await until(() => out.includes('刘洋> 帮助\n') && out.length > '刘洋> 帮助\n'.length + 10);
    // The person's session is open now; the server writes while the console does.
    await push('liuyang', '请到 CNC-01 换刀');
    for (let i = 0; i < 15; i++) child.stdin.write('我的任务\n');
    const writes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => readThenWrite(`服务 ${i}`)));
    await until(() => out.includes('📨 请到 CNC-01 换刀'));
    child.stdin.end();
    const code = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(() => resolve('timeout'), 90_000)),
    ]);
    if (code === 'timeout') child.kill();

    expect({ code, err: err.split('\n').filter((l) => /locked|SQLITE_BUSY|error/i.test(l)) }).toEqual({
      code: 0,
      err: [],
    });
    expect(
      writes.filter((w) => w.status === 'rejected').map((w) => String((w as PromiseRejectedResult).reason)),
    ).toEqual([]);
    const em = server.orm.em.fork();
    expect(await em.count(OutboxMessage, { recipientKey: 'zhangwei' })).toBe(30);
    expect(out.match(/📨 请到 CNC-01 换刀/g)).toHaveLength(1);
    expect(await em.findOneOrFail(OutboxMessage, { recipientKey: 'liuyang' })).toMatchObject({
      channel: 'console',
      status: 'sent',
      attempts: 1,
    });
    // The push may print between a line and its answer.
    expect(out.match(/刘洋> 我的任务\n/g)).toHaveLength(15);
    expect(out.match(/您现在没有待办任务。/g)).toHaveLength(15);
  }, 240_000);

  it('a process with no console session open for the person leaves their push queued', async () => {
    await push('wangfang', '交接班');
    const console = new ConsoleAdapter();
    const dispatcher = new OutboxDispatcher({
      orm: server.orm,
      clock: server.clock,
      logger: createLogger('silent'),
      outbox: server.chat.outbox,
      channels: new Map([['console', console]]),
    });
    expect(await dispatcher.drainOnce()).toBe(0);
    const shown: string[] = [];
    const close = console.openSession('wangfang', (c) => shown.push(c.kind === 'text' ? c.text : c.kind));
    expect(await dispatcher.drainOnce()).toBe(1);
    close();
    expect(shown).toEqual(['交接班']);
    expect(await dispatcher.drainOnce()).toBe(0);
  });
});
