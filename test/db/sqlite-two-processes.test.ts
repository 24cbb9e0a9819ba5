import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { resolveDatabaseTarget } from '../../src/db/database-target.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { openOrm } from '../../src/db/orm.js';
import { createScratchSqlite } from '../../src/db/scratch-database.js';
import { seedDemo } from '../../src/demo/seed.js';
import { entities } from '../../src/entities.js';
import { loadFactoryConfig } from '../../src/config/factory-loader.js';
import { ManualClock } from '../../src/shared/clock.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { DEMO_NOW } from '../support/demo-app.js';
import { testDatabaseKind } from '../support/database.js';

const REPORTS = 200;
const ORDER = 'WO-DEMO-001';

interface Outcome {
  code: number | null;
  stored: number;
  failures: string[];
  startedAt: number;
  finishedAt: number;
  stderr: string;
}

/** One console-like process reporting on the shared file; resolves when it has exited. */
function reporter(url: string, person: string): Promise<Outcome> {
  const child = spawn('npx', ['tsx', 'test/support/processes/console-reporter.ts'], {
    env: { ...process.env, DATABASE_URL: url, REPORTER: person, ORDER, REPORTS: String(REPORTS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      const printed = (last.startsWith('{') ? JSON.parse(last) : {}) as Partial<Outcome>;
      const { stored = 0, failures = [], startedAt = 0, finishedAt = 0 } = printed;
      resolve({ code, stored, failures, startedAt, finishedAt, stderr });
    }),
  );
}

/**
 * Item 13 of issue 16: the server and `npm run chat` on one embedded file. Both write through
 * the chat engine at once — each 完工 reads the task, then writes the report, the totals and
 * the inbound record — and every report must be stored, none refused with SQLITE_BUSY.
 */
describe.skipIf(testDatabaseKind() !== 'sqlite')('two processes writing to one SQLite file', () => {
  it(`stores 2 × ${REPORTS} reports sent at the same time on one task, without "database is locked"`, async () => {
    const db = createScratchSqlite('sfb-two-writers');
    try {
      const orm = await openOrm(await resolveDatabaseTarget(db.url), entities);
      const clock = new ManualClock(DEMO_NOW);
      await applyMigrations(orm);
      await seedDemo(orm.em.fork(), clock, 'Asia/Shanghai', loadFactoryConfig(undefined).config);
      // Room for every report on the order's first operation, which zhangwei holds.
      await orm.em.fork().nativeUpdate(WorkOrder, { number: ORDER }, { quantity: 10_000 });
      const firstStep = { workOrder: { number: ORDER }, sequence: 10 };
      const before = await orm.em.fork().findOneOrFail(OperationTask, firstStep);
      const reportsBefore = await orm.em.fork().count(WorkReport, {});
      await orm.close();

      const [a, b] = await Promise.all([reporter(db.url, 'zhangwei'), reporter(db.url, 'zhangwei')]);

      for (const outcome of [a, b]) {
        expect(outcome.failures, outcome.stderr).toEqual([]);
        expect(outcome).toMatchObject({ code: 0, stored: REPORTS });
      }
      // They did write side by side: each started before the other finished.
      expect(a.startedAt).toBeLessThan(b.finishedAt);
      expect(b.startedAt).toBeLessThan(a.finishedAt);
      const after = await openOrm(await resolveDatabaseTarget(db.url), entities);
      try {
        expect(await after.em.fork().count(WorkReport, {})).toBe(reportsBefore + 2 * REPORTS);
        const task = await after.em.fork().findOneOrFail(OperationTask, firstStep);
        expect(task.goodTotal).toBe(before.goodTotal + 2 * REPORTS);
      } finally {
        await after.close();
      }
    } finally {
      await db.drop();
    }
  }, 300_000);
});
