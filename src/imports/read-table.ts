import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { RefusedError } from '../shared/errors.js';
import { importMessages as m } from './messages.js';

export type Row = Record<string, string>;

/**
 * The rows of a spreadsheet as header → text. Excel in China often saves CSV as GBK, so a
 * file that is not valid UTF-8 is read as GB18030 (a superset of GBK).
 */
export async function readTable(path: string): Promise<Row[]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return parseCsv(decode(readFileSync(path)));
  if (ext === '.xlsx') return readXlsx(path);
  throw new RefusedError('unsupported_file', m.unsupportedFile(ext || path));
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function parseCsv(text: string): Row[] {
  const records = parse(text, {
    columns: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
  }) as Row[];
  return records;
}

async function readXlsx(path: string): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const header: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (header[col] = cellText(cell.value)));
  const rows: Row[] = [];
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    const record: Row = {};
    row.eachCell((cell, col) => {
      const key = header[col];
      if (key) record[key] = cellText(cell.value);
    });
    if (Object.values(record).some((v) => v !== '')) rows.push(record);
  });
  return rows;
}

/** Dates come back as Date, formulas as {result}; everything else is read as its text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
  }
  return String(value).trim();
}
