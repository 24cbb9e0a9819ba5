import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
