import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobsOf } from '../../src/capabilities/assembled.js';
import type { Capability } from '../../src/capabilities/capability.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { ConfigError } from '../../src/config/config-error.js';
import { parseFactory } from '../../src/config/load-factory.js';
import { migrationStatus, schemaDrift } from '../../src/db/migrations.js';
import { migratorOf } from '../../src/db/orm.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { consoleText } from '../support/console-events.js';
import { createTestDatabase } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const PEOPLE = `
people:
  - { id: zhangwei, name: 张伟, roles: [worker] }
  - { id: wanggang, name: 王刚, roles: [maintenance] }
  - { id: liuyang, name: 刘洋, roles: [supervisor] }
  - { id: chenjing, name: 陈静, roles: [planner] }
`;

const ENERGY_FACTORY = `
plugins:
  - ./examples/plugins/energy-meter/index.js
energyMeters:
  meters:
    - { code: M1, name: 一车间 }
    - { code: M2, name: 空压机房 }
  remindAt: '16:30'
${PEOPLE}`;

const factoryWith = (plugin: string) => `plugins:\n  - ${plugin}\n${PEOPLE}`;

/** 2026-01-05 in Asia/Shanghai (the tests' FACTORY_TZ): the production day starts at 08:00. */
const local = (hhmm: string) => new Date(`2026-01-05T${hhmm}:00+08:00`);

const textOf = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' || r.kind === 'markdown' ? r.text : `[${r.kind}]`)).join('\n');

describe('the energy-meter example plugin, loaded from factory.yaml', () => {
  let app: TestApp;
  let capabilities: readonly Capability[];
  let n = 0;
  const say = async (text: string, as = 'zhangwei') =>
    textOf((await app.chat.engine.handle(consoleText(app.clock, `m${++n}`, text, as))).replies);

  beforeAll(async () => {
    const factory = await parseFactory(ENERGY_FACTORY, { baseDir: repoRoot });
    capabilities = factory.capabilities;
    app = await startTestApp({ factory: factory.config, capabilities, clock: undefined });
    app.clock.set(local('09:00'));
  });
  afterAll(() => app.stop());

  it('applies its migration at start, and its table matches its entity', async () => {
    expect((await migrationStatus(app.orm)).pending).toEqual([]);
    const executed = (await (await migratorOf(app.orm)).getExecutedMigrations()).map((m) => m.name);
    expect(executed).toContain('Migration20261130200000_EnergyMeterReadings');
    expect(await schemaDrift(app.orm)).toBe('');
  });

  it('given a first reading of M1, when 张伟 reads it again later, then the consumption is answered', async () => {
    expect(await say('电表 M1 100')).toBe('已记录：电表 M1（一车间）读数 100。这是它的第一个读数。');
    app.clock.set(local('16:00'));
    expect(await say('电表 m1 112.5')).toBe('已记录：电表 M1（一车间）读数 112.5，比上次多用 12.5 度。');
  });

  it('refuses a reading lower than the last one, a non-number, an unknown or too long id, in Chinese', async () => {
    expect(await say('电表 M1 99')).toBe(
      '电表 M1 的读数 99 比上次的 112.5（01-05 16:00）还小，没有记录。读错了请重抄；换了电表请联系管理员。',
    );
    expect(await say('电表 M1 一百')).toBe('「一百」不是读数，请写数字，例如 电表 M1 1234.5。');
    expect(await say('电表 M1 -5')).toBe('「-5」不是读数，请写数字，例如 电表 M1 1234.5。');
    expect(await say('电表 M9 5')).toBe('没有编号为「M9」的电表。已登记的电表：M1、M2。');
    expect(await say('电表 M12345678901234567 5')).toBe('电表编号最长 16 个字符，请检查后重发。');
    expect(await say('电表 M1 120', 'chenjing')).not.toMatch(/已记录/);
  });

  it('reminds the maintenance people at remindAt of the meters nobody read today', async () => {
    expect(Object.keys(app.jobs.agenda.definitions)).toContain('energy-meter:reminder');
    const job = jobsOf(capabilities, app.services).find((j) => j.name === 'energy-meter:reminder');
    app.clock.set(local('16:30'));
    await job?.run({ data: undefined as never, jobId: 'test', touch: async () => {} });
    const pushed = await app.orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } });
    expect(pushed.map((m) => [m.recipientKey, m.content])).toEqual([
      [
        'wanggang',
        { kind: 'text', text: '今天还没有抄的电表：M2（空压机房）。抄表请发：电表 <编号> <读数>' },
      ],
    ]);
  });

  it('adds a 用电 section after the built-in ones in the digest', async () => {
    app.clock.set(local('17:00'));
    const digest = await say('日报 今天', 'liuyang');
    expect(digest).toContain(
      '没有报工、领料或异常记录。\n\n**用电**\n- M1 一车间：12.5 度\n- M2 空压机房：读数不足，算不出用电',
    );
  });

  it('puts the same section into the morning digest the job sends the next day', async () => {
    const job = jobsOf(capabilities, app.services).find((j) => j.name === 'digest:morning');
    app.clock.set(new Date('2026-01-06T08:30:00+08:00'));
    await job?.run({ data: undefined as never, jobId: 'test', touch: async () => {} });
    const digests = await app.orm.em
      .fork()
      .find(OutboxMessage, { dedupeKey: { $like: 'digest:2026-01-05:%' } });
    const markdown = digests.map((m) => m.content).find((c) => c.kind === 'markdown');
    expect(markdown?.text).toContain('**用电**\n- M1 一车间：12.5 度\n- M2 空压机房：读数不足，算不出用电');
  });
});

describe('a plugin that cannot load', () => {
  const refusal = async (plugin: string) => {
    const error = await parseFactory(factoryWith(plugin), { baseDir: repoRoot }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.join('\n');
  };

  it('stops start-up with its name when its module throws on import', async () => {
    expect(await refusal('./test/fixtures/plugins/throws-on-import.js')).toBe(
      'plugin "./test/fixtures/plugins/throws-on-import.js" could not be loaded: the meter driver is not installed',
    );
  });

  it('stops start-up with its name when its module is not there', async () => {
    expect(await refusal('./plugins/missing.js')).toMatch(
      /^plugin "\.\/plugins\/missing\.js" could not be loaded: /,
    );
    expect(await refusal('shopfloor-plugin-nowhere')).toMatch(
      /^plugin "shopfloor-plugin-nowhere" could not be loaded: /,
    );
  });

  it('stops start-up with its name and every problem of a malformed declaration', async () => {
    expect((await refusal('./test/fixtures/plugins/bad-shape.js')).split('\n')).toEqual([
      'plugin "./test/fixtures/plugins/bad-shape.js": name must be lower-case letters, digits and dashes',
      'plugin "./test/fixtures/plugins/bad-shape.js": unknown key "command"',
      'plugin "./test/fixtures/plugins/bad-shape.js": chat.commands[0] needs a name and a run function',
    ]);
  });

  it('stops start-up when it claims a command word of the core', async () => {
    expect(await refusal('./test/fixtures/plugins/takes-core-word.js')).toMatch(
      /^plugin "\.\/test\/fixtures\/plugins\/takes-core-word\.js": command word "完工" is claimed by both/,
    );
  });

  it('stops start-up when it takes a core capability’s name or factory.yaml section', async () => {
    expect(await refusal('./test/fixtures/plugins/takes-core-name.js')).toBe(
      'plugin "./test/fixtures/plugins/takes-core-name.js": the name "people" is already used by the core',
    );
    expect(await refusal('./test/fixtures/plugins/takes-digest-section.js')).toBe(
      'plugins: factory.yaml section "digest" is declared by both digest and my-digest',
    );
  });

  it('refuses a section the factory.yaml gives without the plugin that owns it', async () => {
    const text = ENERGY_FACTORY.replace(/plugins:\n.*\n/, '');
    await expect(parseFactory(text, { baseDir: repoRoot })).rejects.toThrow('energyMeters: unknown key');
  });
});

describe('a plugin command that fails unexpectedly', () => {
  let app: TestApp;
  let n = 0;
  const say = async (text: string, as = 'zhangwei') =>
    textOf((await app.chat.engine.handle(consoleText(app.clock, `f${++n}`, text, as))).replies);

  beforeAll(async () => {
    const factory = await parseFactory(factoryWith('./test/fixtures/plugins/flaky.js'), {
      baseDir: repoRoot,
    });
    app = await startTestApp({ factory: factory.config, capabilities: factory.capabilities });
  });
  afterAll(() => app.stop());

  it('answers a clear error naming the plugin, and the other commands still answer', async () => {
    expect(await say('故障演示')).toBe(
      '插件「flaky」处理这条消息时出错，已记录，什么也没有改动。其他功能不受影响，请联系管理员。',
    );
    expect(await say('帮助')).toContain('故障演示');
    expect(await say('我的任务')).not.toContain('插件');
  });

  it('leaves a database error (a lost lock) to the engine as for the core, not a plugin answer', async () => {
    await expect(app.chat.engine.handle(consoleText(app.clock, `f${++n}`, '锁冲突演示'))).rejects.toThrow(
      'SQLITE_BUSY: database is locked',
    );
  });

  it('has an API write that lost to a deadlock asked again in a fresh transaction, up to five tries', async () => {
    const key = await createApiKey(app.orm.em.fork(), 'flaky', ['flaky:write'], app.clock.now());
    const post = async (times: number) => {
      const answer = await fetch(`${app.baseUrl}/api/v1/flaky/deadlocks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ times }),
      });
      return { status: answer.status, json: (await answer.json()) as Record<string, unknown> };
    };
    expect(await post(2)).toEqual({ status: 201, json: { tries: 3 } });
    expect((await post(5)).status).toBe(500);
  });

  it('leaves its digest section out, saying so, when that fails: the digest still comes', async () => {
    expect(await say('日报 今天', 'liuyang')).toContain(
      '没有报工、领料或异常记录。\n\n**插件出错**\n插件「flaky」的内容没能生成，已记录，请联系管理员。',
    );
  });
});

describe('npm run migrate, with a plugin in factory.yaml', () => {
  it('applies the plugin’s migration after the core ones', async () => {
    const db = await createTestDatabase();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'sfb-plugins-'));
      const file = join(dir, 'factory.yaml');
      writeFileSync(file, `plugins:\n  - ${join(repoRoot, 'examples/plugins/energy-meter/index.js')}\n`);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'src/db/migrate-cli.ts', 'up'],
        {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: db.url, FACTORY_CONFIG: file },
        },
      );
      expect(stdout.trim()).toMatch(
        /^Applied: Migration\d{14}_Initial, .*, Migration20261130200000_EnergyMeterReadings$/,
      );
    } finally {
      await db.drop();
    }
    // A child process runs every migration on an empty database: tens of seconds on a busy machine.
  }, 120_000);
});
