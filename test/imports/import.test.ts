import { unitOf } from '../../src/app-services.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/chat/outbox/outbox.js';
import { RecipientRouter } from '../../src/chat/outbox/recipient-router.js';
import { importRows } from '../../src/imports/import-service.js';
import { readTable } from '../../src/imports/read-table.js';
import { guessKind } from '../../src/imports/columns.js';
import { RoutingStep } from '../../src/workorders/routing-step.entity.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { Item } from '../../src/workorders/item.entity.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const fixture = (name: string) => join('test/fixtures/imports', name);

describe('importing items, routings and work orders from spreadsheets', () => {
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

  beforeAll(async () => {
    app = await startTestApp({ factory: castYaml });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('reads a UTF-8 CSV with a BOM and Chinese headers, and reports each row', async () => {
    const report = await run(fixture('items.csv'));
    expect(report).toEqual({
      kind: 'items',
      committed: true,
      rows: [
        { line: 2, result: 'created', message: '新建 物料 P1' },
        { line: 3, result: 'created', message: '新建 物料 R1' },
      ],
    });
    expect(await app.orm.em.fork().findOneOrFail(Item, 'R1')).toMatchObject({
      name: '45# 圆钢',
      unit: 'kg',
      kind: 'raw',
    });
  });

  it('marks items from the ERP by their 来源, keeps it when the column is empty, and refuses an unknown one', async () => {
    const path = join(tmpdir(), `items-source-${process.pid}.xlsx`);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('物料');
    sheet.addRow(['物料编码', '名称', '来源']);
    sheet.addRow(['E1', '轴承座', 'ERP']);
    sheet.addRow(['L1', '工装夹具', '本地']);
    await book.xlsx.writeFile(path);
    expect((await run(path)).committed).toBe(true);
    const sourceOf = async (code: string) => (await app.orm.em.fork().findOneOrFail(Item, code)).source;
    expect([await sourceOf('E1'), await sourceOf('L1'), await sourceOf('P1')]).toEqual([
      'erp',
      'local',
      'local',
    ]);

    const again = new ExcelJS.Workbook();
    const rows = again.addWorksheet('物料');
    rows.addRow(['物料编码', '名称', '来源']);
    rows.addRow(['E1', '轴承座 B', '']);
    rows.addRow(['L1', '工装夹具', '外部']);
    await again.xlsx.writeFile(path);
    expect((await run(path)).rows).toEqual([
      { line: 2, result: 'updated', message: '更新 物料 E1' },
      { line: 3, result: 'refused', message: '来源「外部」无效，应为 ERP（由 ERP 维护，聊天中只读）或 本地' },
    ]);
    expect(await sourceOf('E1')).toBe('erp');
  });

  it('reads an .xlsx routing sheet', async () => {
    const path = join(tmpdir(), `routings-${process.pid}.xlsx`);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('工艺');
    sheet.addRow(['物料编码', '工序号', '工序名称', '设备类型', '标准工时']);
    sheet.addRow(['P1', 10, '车削', 'lathe', 4.5]);
    sheet.addRow(['P1', 20, '磨削', 'grinder', 3]);
    await book.xlsx.writeFile(path);
    const report = await run(path);
    expect(report.rows.map((r) => r.message)).toEqual(['新建 工艺 P1 10 车削', '新建 工艺 P1 20 磨削']);
    const steps = await app.orm.em.fork().find(RoutingStep, { item: 'P1' }, { orderBy: { sequence: 'asc' } });
    expect(steps.map((s) => [s.sequence, s.name, s.equipmentType, s.standardMinutes])).toEqual([
      [10, '车削', 'lathe', 4.5],
      [20, '磨削', 'grinder', 3],
    ]);
  });

  it('reads the process parameters a routing row declares, and refuses ones it cannot read', async () => {
    const sheet = async (cell: string) => {
      const path = join(tmpdir(), `routings-params-${process.pid}.xlsx`);
      const book = new ExcelJS.Workbook();
      const rows = book.addWorksheet('工艺');
      rows.addRow(['物料编码', '工序号', '工序名称', '标准工时', '工艺参数']);
      rows.addRow(['P1', 10, '车削', 4.5, cell]);
      await book.xlsx.writeFile(path);
      return run(path);
    };
    expect((await sheet('转速 800~1200rpm 标准1000；浓度 ≥5%; 温度 ℃')).committed).toBe(true);
    const step = await app.orm.em.fork().findOneOrFail(RoutingStep, { item: 'P1', sequence: 10 });
    expect(step.parameters).toEqual([
      { name: '转速', unit: 'rpm', nominal: 1000, min: 800, max: 1200 },
      { name: '浓度', unit: '%', min: 5 },
      { name: '温度', unit: '℃' },
    ]);
    expect((await sheet('转速 1200~800rpm')).rows.map((r) => r.message)).toEqual([
      '工艺参数「转速」的下限 1200 大于上限 800',
    ]);
    expect((await sheet('转速 800~rpm')).rows.map((r) => r.message)).toEqual([
      '工艺参数「转速 800~rpm」看不懂，请写成「转速 800~1200rpm 标准1000」「浓度 ≥5%」，多个用；分开',
    ]);
    const kept = await app.orm.em.fork().findOneOrFail(RoutingStep, { item: 'P1', sequence: 10 });
    expect(kept.parameters).toHaveLength(3);
  });

  it('reads a GBK-encoded CSV as Excel in China saves it, and creates the orders with their operations', async () => {
    const report = await run(fixture('workorders-gbk.csv'));
    expect(report.committed).toBe(true);
    const order = await app.orm.em.fork().findOneOrFail(WorkOrder, { number: 'WO-IMP-001' });
    expect(order).toMatchObject({
      quantity: 120,
      dueDate: '2026-12-05',
      customer: '华东机械',
      status: 'planned',
    });
    expect((await app.orm.em.fork().findOneOrFail(WorkOrder, { number: 'WO-IMP-002' })).dueDate).toBe(
      '2026-12-10',
    );
  });

  it('imports nothing when a row is refused, and says which rows and why', async () => {
    const report = await run(fixture('workorders-bad.csv'));
    expect(report.committed).toBe(false);
    expect(report.rows).toEqual([
      { line: 2, result: 'created', message: '新建 工单 WO-IMP-003' },
      { line: 3, result: 'refused', message: '没有物料「NOPE」，请先导入物料' },
      { line: 4, result: 'refused', message: '「数量」不是有效的数字：很多' },
      { line: 5, result: 'refused', message: '与第 2 行重复：WO-IMP-003' },
    ]);
    expect(await app.orm.em.fork().count(WorkOrder, { number: 'WO-IMP-003' })).toBe(0);
  });

  it('updates a planned order but refuses to change one already released', async () => {
    await app.orm.em.fork().nativeUpdate(WorkOrder, { number: 'WO-IMP-002' }, { status: 'released' });
    const report = await run(fixture('workorders-gbk.csv'));
    expect(report.rows).toEqual([
      { line: 2, result: 'updated', message: '更新 工单 WO-IMP-001' },
      { line: 3, result: 'refused', message: '工单 WO-IMP-002 已是「已下达」，不能通过导入修改' },
    ]);
  });
});
