import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOf } from '../../src/app-services.js';
import { Outbox } from '../../src/chat/outbox/outbox.js';
import { RecipientRouter } from '../../src/chat/outbox/recipient-router.js';
import { guessKind } from '../../src/imports/columns.js';
import { importRows } from '../../src/imports/import-service.js';
import { readTable } from '../../src/imports/read-table.js';
import { PieceRate } from '../../src/pay/piece-rate.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { withoutDemoPay } from '../pay/unpriced-demo.js';

const HEADER = ['物料编码', '工序', '设备', '班组', '计件单价', '报废扣款', '生效日期'];

/** Piece rates (计件单价) from the clerk's sheet: all rows or none, never rewriting a rate. */
describe('importing piece rates from a spreadsheet', () => {
  let app: DemoApp;
  let sheets = 0;
  const sheet = async (rows: Array<Array<string | number | Date>>) => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('单价');
    ws.addRow(HEADER);
    for (const row of rows) ws.addRow(row);
    const path = join(tmpdir(), `pay-rates-${process.pid}-${(sheets += 1)}.xlsx`);
    await workbook.xlsx.writeFile(path);
    return path;
  };
  const run = async (path: string) => {
    const rows = await readTable(path);
    const deps = { ...unitOf(app.services), outbox: new Outbox(new RecipientRouter([]), app.clock) };
    const actor = {
      person: { id: 'chenjing', name: '陈静', roles: ['planner' as const], teamId: undefined },
      channel: 'import',
      inboundEventId: null,
      at: app.clock.now(),
    };
    return importRows(deps, actor, guessKind(path, rows) ?? 'items', rows);
  };
  const rates = async () =>
    (await app.orm.em.fork().find(PieceRate, {}, { orderBy: { id: 'asc' } })).map((r) => [
      r.itemCode,
      r.sequence,
      r.teamId ?? null,
      r.equipmentCode ?? null,
      r.fenPerPiece,
      r.scrapFen,
      r.effectiveFrom,
    ]);

  beforeAll(async () => {
    app = await startDemoApp();
    await withoutDemoPay(app.orm.em.fork());
  });
  afterAll(() => app.stop());

  it('refuses the whole sheet when a row is wrong, saying which rows and why in Chinese', async () => {
    const report = await run(
      await sheet([
        ['SHF-200', 10, '', '', '0.5', '', '2026-11-01'],
        ['SHF-200', '铣螺纹', '', '', '0.5', '', '2026-11-01'],
        ['SHF-200', 20, '', '装配组', '0.45', '', '2026-11-01'],
        ['SHF-200', 30, 'CNC-99', '', '0.7', '', '2026-11-01'],
        ['PIN-500', 10, '', '', '0.125', '', '2026-11-01'],
        ['PIN-500', 20, '', '', '0.12', '', '2026-13-01'],
        ['SHF-200', 10, '', '', '0.6', '', '2026-11-01'],
      ]),
    );
    expect(report.committed).toBe(false);
    expect(report.rows.filter((r) => r.result === 'refused').map((r) => [r.line, r.message])).toEqual([
      [3, '物料「SHF-200」的工艺里没有工序「铣螺纹」'],
      [4, '没有班组「装配组」'],
      [5, '没有设备「CNC-99」'],
      [6, '「计件单价」应是不小于 0、最多两位小数的金额（元），不是「0.125」'],
      [7, '生效日期「2026-13-01」无效，请写成 2026-12-01'],
      [8, '与第 2 行重复：SHF-200 10   2026-11-01'],
    ]);
    expect(await rates()).toEqual([]);
  });

  it('imports every row of a good sheet: operation by number or name, team by name, yuan to exact fen', async () => {
    const report = await run(
      await sheet([
        ['SHF-200', 10, '', '', '0.5', '0.2', '2026-11-01'],
        ['SHF-200', '车削', '', '', '0.6', '0.2', new Date('2026-11-24T00:00:00Z')],
        ['PIN-500', 10, '', '数控组', '0.07', '', '2026-11-01'],
        ['FLG-300', 10, 'CNC-01', '', '1.1', '', '2026/11/5'],
      ]),
    );
    expect(report.committed).toBe(true);
    expect(report.rows.map((r) => r.message)).toEqual([
      '新建 单价 SHF-200 10 车削 2026-11-01 起 ¥0.5',
      '新建 单价 SHF-200 10 车削 2026-11-24 起 ¥0.6',
      '新建 单价 PIN-500 10 车削 数控组 2026-11-01 起 ¥0.07',
      '新建 单价 FLG-300 10 车削 CNC-01 2026-11-05 起 ¥1.1',
    ]);
    expect(await rates()).toEqual([
      ['SHF-200', 10, null, null, 50, 20, '2026-11-01'],
      ['SHF-200', 10, null, null, 60, 20, '2026-11-24'],
      ['PIN-500', 10, 'cnc', null, 7, 0, '2026-11-01'],
      ['FLG-300', 10, null, 'CNC-01', 110, 0, '2026-11-05'],
    ]);
  });

  it('takes the same sheet again without change, and refuses to rewrite a rate already in force', async () => {
    const again = await run(await sheet([['SHF-200', 10, '', '', '0.50', '0.2', '2026-11-01']]));
    expect([again.committed, again.rows.map((r) => r.message)]).toEqual([
      true,
      ['已有 单价 SHF-200 10 车削 2026-11-01 起 ¥0.50，未变'],
    ]);
    const rewrite = await run(await sheet([['SHF-200', 10, '', '', '0.55', '0.2', '2026-11-01']]));
    expect([rewrite.committed, rewrite.rows.map((r) => r.message)]).toEqual([
      false,
      ['单价 SHF-200 10 车削 2026-11-01 起 ¥0.55 已有这一天起的单价 ¥0.50，单价不能改写；请用新的生效日期'],
    ]);
    expect(await rates()).toHaveLength(4);
  });

  it('pays a report at the imported rate of its day', async () => {
    app.clock.set('2026-11-24T02:00:00Z');
    const replies = await app.as('zhangwei').say('完工 WO-DEMO-001 3');
    expect(replies.at(-1)).toEqual({ kind: 'text', text: '本次 +¥1.80，今日 ¥1.80' });
  });
});
