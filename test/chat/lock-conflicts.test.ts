import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../src/chat/commands/command.js';
import { InboundRecord } from '../../src/chat/inbound/inbound-record.entity.js';
import { createLogger } from '../../src/shared/logger.js';
import { consoleText } from '../support/console-events.js';
import { castYaml } from '../support/people.js';
import { tallyEntries } from '../support/tally-feature.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What libsql throws when the console and the server write to the embedded file at once. */
const sqliteBusy = () => Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });

/**
 * A command that writes, then loses the file's lock on its first `busyRuns` runs, as a write
 * racing another process does. Each run's write belongs to the transaction that is rolled back.
 */
function busyCommand(busyRuns: number): { command: Command; runs: () => number; startedAt: number[] } {
  let runs = 0;
  const startedAt: number[] = [];
  const command: Command = {
    name: '记一笔',
    aliases: [],
    roles: ['worker', 'team_lead', 'supervisor'],
    help: '在计数板上加一个数',
    args: [],
    async run(ctx) {
      runs += 1;
      startedAt.push(performance.now());
      ctx.audit('tally.add', 'tally', 'main', { quantity: runs });
      await ctx.em.flush();
      if (runs <= busyRuns) throw sqliteBusy();
      ctx.reply('已记。');
    },
  };
  return { command, runs: () => runs, startedAt };
}

describe('an inbound event that loses a lock to another writer', () => {
  let app: TestApp | undefined;
  const warnings: Array<{ msg: string; attempt: number }> = [];
  afterEach(async () => {
    await app?.stop();
    warnings.length = 0;
  });

  async function start(command: Command): Promise<TestApp> {
    const logger = createLogger('warn', {
      destination: { write: (line: string) => void warnings.push(JSON.parse(line) as (typeof warnings)[0]) },
    });
    app = await startTestApp({ factory: castYaml, features: [{ commands: [command] }], logger });
    return app;
  }

  it('given SQLITE_BUSY twice, when 张伟 says 记一笔, then the third run answers and only its write stays', async () => {
    const busy = busyCommand(2);
    const { chat, clock, orm } = await start(busy.command);
    const outcome = await chat.engine.handle(consoleText(clock, 'msg-busy', '记一笔'));
    expect(outcome).toEqual({ replies: [{ kind: 'text', text: '已记。' }], duplicate: false });
    expect(busy.runs()).toBe(3);
    // Paused before each retry, so the other writer can finish.
    const [first = 0, second = 0, third = 0] = busy.startedAt;
    expect(second - first).toBeGreaterThanOrEqual(25);
    expect(third - second).toBeGreaterThanOrEqual(25);
    expect((await tallyEntries(orm.em)).map((e) => e.details.quantity)).toEqual([3]);
    expect(warnings.map((w) => [w.msg, w.attempt])).toEqual([
      ['inbound event retried after a lock conflict', 1],
      ['inbound event retried after a lock conflict', 2],
    ]);
  });

  it('given SQLITE_BUSY on every run, then the engine stops after three and the event stays unhandled', async () => {
    const busy = busyCommand(Infinity);
    const { chat, clock, orm } = await start(busy.command);
    await expect(chat.engine.handle(consoleText(clock, 'msg-stuck', '记一笔'))).rejects.toThrow(
      'database is locked',
    );
    expect(busy.runs()).toBe(3);
    expect(await tallyEntries(orm.em)).toEqual([]);
    const record = await orm.em.fork().findOneOrFail(InboundRecord, { platformMessageId: 'msg-stuck' });
    expect(record.handledAt).toBeNull();
  });
});
