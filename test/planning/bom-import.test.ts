import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOf } from '../../src/app-services.js';
import { Outbox } from '../../src/chat/outbox/outbox.js';
import { RecipientRouter } from '../../src/chat/outbox/recipient-router.js';
import { guessKind } from '../../src/imports/columns.js';
import { importRows } from '../../src/imports/import-service.js';
import { readTable } from '../../src/imports/read-table.js';
import { BomLine } from '../../src/planning/bom-line.entity.js';
import { Item } from '../../src/workorders/item.entity.js';
import { RoutingStep } from '../../src/workorders/routing-step.entity.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('importing bills of material and setup minutes from spreadsheets', () => {
  let app: TestApp;
  let dir: string;
  const run = async (name: string, csv: string) => {
    const path = join(dir, name);
    await writeFile(path, csv);
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
  const bom = async () =>
    (await app.orm.em.fork().find(BomLine, {}, { orderBy: { id: 'asc' } })).map((l) => [
      l.parent.code,
      l.component.code,
      l.quantityPer,
      l.unit,
    ]);

  beforeAll(async () => {
    app = await startTestApp({ factory: castYaml });
    dir = await mkdtemp(join(tmpdir(), 'bom-import-'));
    const em = app.orm.em.fork();
    em.create(Item, { code: 'SHAFT', name: '传动轴' });
    em.create(Item, { code: 'STEEL', name: '圆钢', unit: 'kg', kind: 'raw' });
    em.create(Item, { code: 'KEY', name: '平键', kind: 'raw' });
    await em.flush();
  });
  afterAll(() => app.stop());

  it('writes BOM lines in the components’ units, and refuses the whole sheet for one bad row', async () => {
    const refused = await run(
      'bom.csv',
      '父项编码,子项编码,单件用量,单位\nSHAFT,STEEL,1.5,kg\nSHAFT,KEY,2,kg\nSHAFT,SHAFT,1,\nSHAFT,NOPE,1,\n',
    );
    expect(refused.committed).toBe(false);
    expect(refused.rows.map((r) => [r.line, r.result, r.message])).toEqual([
      [2, 'created', '新建 物料清单 SHAFT ← STEEL 1.5kg'],
      [3, 'refused', '子件「KEY」的单位是「件」，表里写的是「kg」，请换算后再导入'],
      [4, 'refused', '物料「SHAFT」不能是自己的子件'],
      [5, 'refused', '没有物料「NOPE」，请先导入物料'],
    ]);
    expect(await bom()).toEqual([]);

    const done = await run('bom.csv', '父项编码,子项编码,单件用量,单位\nshaft,steel,1.5,kg\nSHAFT,KEY,2,\n');
    expect(done.committed).toBe(true);
    expect(await bom()).toEqual([
      ['SHAFT', 'STEEL', 1.5, 'kg'],
      ['SHAFT', 'KEY', 2, '件'],
    ]);
  });

  it('reads setup minutes from a routing sheet', async () => {
    const report = await run(
      'routings.csv',
      '物料编码,工序号,工序名称,标准工时,准备工时\nSHAFT,10,车削,2,45\nSHAFT,20,磨削,1,\n',
    );
    expect(report.committed).toBe(true);
    const steps = await app.orm.em.fork().find(RoutingStep, {}, { orderBy: { sequence: 'asc' } });
    expect(steps.map((s) => [s.sequence, s.standardMinutes, s.setupMinutes])).toEqual([
      [10, 2, 45],
      [20, 1, 0],
    ]);
  });
});
