import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { createScratchSqlite } from '../../src/db/scratch-database.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The server and `npm run chat` open the same embedded file from two processes. Two app
 * instances have separate connections, which is what SQLite's locking sees.
 */
describe('two apps on one SQLite file', () => {
  const db = createScratchSqlite('sfb-shared');
  let server: TestApp;
  let console: TestApp;
  beforeAll(async () => {
    server = await startTestApp({ db, factory: castYaml });
    console = await startTestApp({ db, factory: castYaml });
  });
  afterAll(async () => {
    await console?.stop();
    await server?.stop();
    await db.drop();
  });

  /** A unit of work that reads before it writes, as the chat engine's does. */
  const readThenWrite = (app: TestApp, text: string) =>
    app.orm.em.fork().transactional(async (tx) => {
      await tx.count(OutboxMessage, {});
      await new Promise((resolve) => setTimeout(resolve, 5));
      await app.chat.outbox.enqueue(tx, { kind: 'person', personId: 'zhangwei' }, { kind: 'text', text });
    });

  it('writes from both side by side all land, none refused as "database is locked"', async () => {
    const writes = Array.from({ length: 20 }, (_, i) => [
      readThenWrite(server, `服务 ${i}`),
      readThenWrite(console, `控制台 ${i}`),
    ]).flat();
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String(o.reason))).toEqual([]);
    expect(await server.orm.em.fork().count(OutboxMessage, {})).toBe(40);
  });
});
