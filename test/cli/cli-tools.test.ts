import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tool as `npm run` does, with no WeCom settings and a scratch SQLite database. */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const scratch = mkdtempSync(join(tmpdir(), 'sfb-cli-'));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WECOM_')));
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', script, ...args], {
      env: { ...clean, DATABASE_URL: `sqlite:${join(scratch, 'cli.db')}`, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Each spawn compiles the tool with tsx; a loaded machine needs a while for that.
const SLOW = 180_000;
const noStack = (r: Run) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at |Error:/);

describe('command-line tools: --help, Chinese messages, no stack trace for a mistake', () => {
  it.concurrent(
    'npm run chat -- --help prints the Chinese usage and exits 0',
    async () => {
      const r = await run('src/channels/console/chat-cli.ts', ['--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('用法：npm run chat -- --as <人员编号或姓名> [--group <群 ID>]');
    },
    SLOW,
  );

  it.concurrent(
    'npm run chat -- --as nobody: one Chinese line, exit 1, no scheduler stack traces',
    async () => {
      const r = await run('src/channels/console/chat-cli.ts', ['--as', 'nobody']);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(
        '工厂里没有「nobody」这个人。请先运行 npm run seed:demo，或在 factory.yaml 的 people 中添加。',
      );
      expect(r.stdout).toBe('');
      noStack(r);
    },
    SLOW,
  );

  it.concurrent(
    'npm run chat with an unknown option shows the usage and exits 2',
    async () => {
      const r = await run('src/channels/console/chat-cli.ts', ['--bogus']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^命令参数不对。\n用法：npm run chat/);
      noStack(r);
    },
    SLOW,
  );

  it.concurrent(
    'npm run import -- with a missing file says so in one line and exits 1',
    async () => {
      const r = await run('src/imports/import-cli.ts', ['no-such-file.csv']);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe('找不到文件「no-such-file.csv」，请检查路径。');
      noStack(r);
      const help = await run('src/imports/import-cli.ts', ['--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('用法：npm run import -- <文件.xlsx|文件.csv>');
    },
    SLOW,
  );

  it.concurrent(
    'npm run import -- with an unsupported file type is refused in Chinese',
    async () => {
      const r = await run('src/imports/import-cli.ts', ['items.txt']);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe('不支持「.txt」文件，请使用 .xlsx 或 .csv。');
      noStack(r);
    },
    SLOW,
  );

  it.concurrent(
    'npm run api-key: --help, and a bad call shows the usage with exit 2',
    async () => {
      const help = await run('src/http/api/api-key-cli.ts', ['--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('npm run api-key -- create <名称> --scopes <权限,…>');
      const bad = await run('src/http/api/api-key-cli.ts', ['delete']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^命令参数不对。\n用法：/);
      noStack(bad);
    },
    SLOW,
  );

  it.concurrent(
    'npm run wecom:menu and wecom:group: --help, and missing WeCom settings is one line',
    async () => {
      const menuHelp = await run('src/channels/wecom-app/menu-cli.ts', ['--help']);
      expect(menuHelp.code).toBe(0);
      expect(menuHelp.stdout).toContain('用法：npm run wecom:menu');
      const menu = await run('src/channels/wecom-app/menu-cli.ts', []);
      expect(menu.code).toBe(2);
      expect(menu.stderr.trim()).toBe(
        '请先设置 WECOM_CORP_ID、WECOM_AGENT_ID、WECOM_SECRET、WECOM_TOKEN 和 WECOM_AES_KEY。',
      );
      const group = await run('src/channels/wecom-app/group-cli.ts', ['create']);
      expect(group.code).toBe(2);
      expect(group.stderr).toMatch(/^命令参数不对。\n用法：\n {2}npm run wecom:group -- create <班组编号>/);
      noStack(group);
    },
    SLOW,
  );
});
