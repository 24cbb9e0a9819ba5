import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from './support/database.js';

interface Exit {
  code: number | null;
  output: string;
}

/** Starts the real entry point as an operator would, and waits for it to give up. */
function runServer(env: Record<string, string>, timeoutMs = 20_000): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not exit within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('starting the server', () => {
  it('refuses a broken factory.yaml, naming the file, the path and the rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfb-config-'));
    const file = join(dir, 'factory.yaml');
    writeFileSync(file, 'shifts:\n  - {name: 白班, start: "8 点", end: "20:00"}\ndigest: {colour: red}\n');
    const { code, output } = await runServer({ FACTORY_CONFIG: file, DATABASE_URL: 'sqlite::memory:' });
    expect(code).not.toBe(0);
    expect(output).toContain('factory.yaml: shifts[0].start: must look like HH:mm');
    expect(output).toContain('factory.yaml: digest.colour: unknown key');
    expect(output).not.toContain('listening');
  });

  it('refuses a plugin that fails to load, naming it, before anything else starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfb-config-'));
    const file = join(dir, 'factory.yaml');
    writeFileSync(file, 'plugins:\n  - ./plugins/energy-meter.js\n');
    const { code, output } = await runServer({ FACTORY_CONFIG: file, DATABASE_URL: 'sqlite::memory:' });
    expect(code).toBe(78);
    expect(output).toContain('Configuration error — the server was not started:');
    expect(output).toContain('plugin "./plugins/energy-meter.js" could not be loaded: Cannot find module');
    expect(output).not.toContain('listening');
  });

  it.runIf(testDatabaseKind() === 'mysql')(
    'refuses to start on a MySQL database with pending migrations and says which command to run',
    async () => {
      const db = await createTestDatabase();
      try {
        const { code, output } = await runServer({ DATABASE_URL: db.url });
        expect(code).toBe(1);
        expect(output).toMatch(/pending migration\(s\): Migration\d{14}_Initial/);
        expect(output).toContain('npm run migrate');
      } finally {
        await db.drop();
      }
    },
  );

  it('loads neither the chart renderer, the spreadsheet readers, an unconfigured platform SDK nor a dev dependency to start and idle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfb-loaded-'));
    const loadedFile = join(dir, 'loaded.txt');
    writeFileSync(loadedFile, '');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './test/support/record-loaded-packages.mjs', 'src/main.ts'],
      {
        env: {
          ...process.env,
          PORT: '0',
          LOG_LEVEL: 'info',
          DATABASE_URL: `sqlite:${join(dir, 'fresh.sqlite')}`,
          LOADED_MODULES_FILE: loadedFile,
        },
      },
    );
    try {
      const port = await listeningPort(child);
      await waitForReady(port);
      await sleep(1_000); // the scheduler's first look at due jobs
    } finally {
      child.kill('SIGKILL');
    }
    const loaded = new Set(
      [...readFileSync(loadedFile, 'utf8').matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map(
        (m) => m[1],
      ),
    );
    expect(loaded).toContain('@mikro-orm/core'); // the recording works
    // tsx is how this test runs TypeScript; the built server runs without it.
    const devOnly = Object.keys(packageJson().devDependencies).filter((name) => name !== 'tsx');
    const deferred = ['echarts', 'zrender', '@resvg/resvg-js', 'exceljs', 'csv-parse', 'dingtalk-stream'];
    const platformSdks = [
      '@wecom/aibot-node-sdk',
      'axios',
      'mysql2',
      '@mikro-orm/mysql',
      '@mikro-orm/mariadb',
    ];
    expect([...devOnly, ...deferred, ...platformSdks].filter((name) => loaded.has(name))).toEqual([]);
  });
});

function packageJson(): { devDependencies: Record<string, string> } {
  return JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
}

/** The port the server logs once it listens (it was asked for any free one). */
function listeningPort(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`server did not listen within 20 s:\n${output}`)),
      20_000,
    );
    const onData = (data: Buffer) => {
      output += data.toString();
      const port = /"port":(\d+).*"listening"|"msg":"listening".*"port":(\d+)/.exec(output);
      if (port) {
        clearTimeout(timer);
        resolve(Number(port[1] ?? port[2]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

async function waitForReady(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (response?.status === 200) return;
    await sleep(100);
  }
  throw new Error('server not ready within 10 s');
}
