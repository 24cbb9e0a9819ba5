import { stringify } from 'csv-stringify/sync';
import type { ExportColumn } from './config.js';

export interface ExportSheet<F extends string> {
  name: string;
  columns: readonly ExportColumn<F>[];
  rows: ReadonlyArray<Record<F, string | number>>;
}

/** The sheet as CSV: UTF-8 with a byte-order mark, which Excel and the ERP import tools need to read Chinese. */
export function csvOf<F extends string>(sheet: ExportSheet<F>): Buffer {
  const text = stringify(
    [sheet.columns.map((c) => c.title), ...sheet.rows.map((r) => sheet.columns.map((c) => r[c.field]))],
    {
      record_delimiter: 'windows',
    },
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** The sheets as one workbook, numbers as numbers (an import sums them). */
export async function workbookOf(sheets: ReadonlyArray<ExportSheet<string>>): Promise<Buffer> {
  // Loaded on first use: the spreadsheet writer costs start-up time and memory most servers never need.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    ws.addRow(sheet.columns.map((c) => c.title));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((c) => row[c.field]));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
