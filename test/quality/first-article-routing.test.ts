import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOf } from '../../src/app-services.js';
import { Outbox } from '../../src/chat/outbox/outbox.js';
import { RecipientRouter } from '../../src/chat/outbox/recipient-router.js';
import { guessKind } from '../../src/imports/columns.js';
import { importRows } from '../../src/imports/import-service.js';
import { readTable } from '../../src/imports/read-table.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { RoutingStep } from '../../src/workorders/routing-step.entity.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** 陈静 (planner) flags turning for 首检 in the routing sheet; the orders made afterwards carry the flag. */
describe('the 首检 flag: from the routing sheet onto each order’s operation', () => {
  let app: TestApp;
  const run = async (path: string) => {
    const rows = await readTable(path);
    const kind = guessKind(path, rows);
    if (!kind) throw new Error(`cannot tell what ${path} is`);
    const deps = { ...unitOf(app.services), outbox: new Outbox(new RecipientRouter([]), app.clock) };
    const actor = {
      person: { id: 'chenjing', name: '陈静', roles: ['planner' as const], teamId: undefined },
      channel: 'import',
      inboundEventId: null,
      at: app.clock.now(),
    };
    return importRows(deps, actor, kind, rows);
  };
  const routingSheet = (name: string, lines: string[]) => {
    const path = join(tmpdir(), `routings-${name}-${process.pid}.csv`);
    writeFileSync(path, ['物料编码,工序号,工序名称,首检', ...lines].join('\n'));
    return path;
  };

  beforeAll(async () => {
    app = await startTestApp({ factory: castYaml });
  });
  afterAll(() => app.stop());

  it('reads 是 and an empty cell, and copies the flag onto the operations of an order made afterwards', async () => {
    expect((await run('test/fixtures/imports/items.csv')).committed).toBe(true);
    const routed = await run(routingSheet('flag', ['P1,10,车削,是', 'P1,20,磨削,']));
    expect(routed.committed).toBe(true);
    const steps = await app.orm.em.fork().find(RoutingStep, { item: 'P1' }, { orderBy: { sequence: 'asc' } });
    expect(steps.map((s) => [s.sequence, s.firstArticle])).toEqual([
      [10, true],
      [20, false],
    ]);
    expect((await run('test/fixtures/imports/workorders-gbk.csv')).committed).toBe(true);
    const tasks = await app.orm.em
      .fork()
      .find(OperationTask, { workOrder: { number: 'WO-IMP-001' } }, { orderBy: { sequence: 'asc' } });
    expect(tasks.map((t) => [t.sequence, t.firstArticle])).toEqual([
      [10, true],
      [20, false],
    ]);
  });

  it('refuses a 首检 cell that is neither yes nor no', async () => {
    const report = await run(routingSheet('bad', ['P1,10,车削,也许']));
    expect(report.committed).toBe(false);
    expect(report.rows).toEqual([
      { line: 2, result: 'refused', message: '「首检」应填 是 或 否，不是「也许」' },
    ]);
  });
});
