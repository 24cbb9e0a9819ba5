import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { offerDownload } from '../http/downloads/download-links.js';
import type { Services } from '../services.js';
import { addDays, productionDateOf, productionDay, productionInterval } from '../shared/production-day.js';
import { ExportFile, type ExportKind } from './export-file.entity.js';
import { issueRows, reportRows } from './export-rows.js';
import { csvOf, workbookOf, type ExportSheet } from './export-writer.js';
import type { DayRange } from '../shared/day-range.js';
import { erpMessages as m } from './messages.js';

type ExportUnit = Pick<Services, 'em' | 'config' | 'tz' | 'clock'>;

/** The production days an export covers, both included. */
export type DateRange = DayRange;

/** The three files of an export, by their names in the folder. */
export function exportFileNames(baseName: string): { xlsx: string; reportsCsv: string; issuesCsv: string } {
  return {
    xlsx: `${baseName}.xlsx`,
    reportsCsv: `${baseName}-reports.csv`,
    issuesCsv: `${baseName}-issues.csv`,
  };
}

/**
 * Writes the reports and material issues of the production days `from`–`to` (inclusive) as one
 * workbook (two sheets) and two CSV files into the export folder, and records the export.
 */
async function writeExport(
  unit: ExportUnit,
  range: DateRange,
  record: { kind: ExportKind; baseName: string; dedupeKey: string | null; createdBy: string | null },
): Promise<ExportFile> {
  const day = productionDay(unit.config, unit.tz);
  const span = {
    start: productionInterval(range.from, day).start,
    end: productionInterval(range.to, day).end,
  };
  const { erpExport } = unit.config;
  const reports: ExportSheet<string> = {
    name: m.reportsSheet,
    columns: erpExport.reportColumns,
    rows: await reportRows(unit.em, span, day),
  };
  const issues: ExportSheet<string> = {
    name: m.issuesSheet,
    columns: erpExport.issueColumns,
    rows: await issueRows(unit.em, span, day),
  };
  const folder = resolve(erpExport.folder);
  const names = exportFileNames(record.baseName);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, names.xlsx), await workbookOf([reports, issues]));
  await writeFile(join(folder, names.reportsCsv), csvOf(reports));
  await writeFile(join(folder, names.issuesCsv), csvOf(issues));
  const file = unit.em.create(ExportFile, {
    ...record,
    fromDate: range.from,
    toDate: range.to,
    reportRows: reports.rows.length,
    issueRows: issues.rows.length,
    createdAt: unit.clock.now(),
  });
  await unit.em.flush();
  return file;
}

export const ERP_EXPORT = 'erp-export';

/**
 * An export a person asked for in chat, with a link (a path under the public URL) that fetches
 * its workbook for `linkDays`. The files' names carry a random suffix: the folder may be shared.
 */
export async function exportForDownload(
  unit: ExportUnit,
  range: DateRange,
  personId: string,
): Promise<{ file: ExportFile; path: string }> {
  const file = await writeExport(unit, range, {
    kind: 'chat',
    baseName: `shopfloor-${range.from}_${range.to}-${randomBytes(4).toString('hex')}`,
    dedupeKey: null,
    createdBy: personId,
  });
  const path = offerDownload(unit.em, unit.clock, {
    kind: ERP_EXPORT,
    subject: String(file.id),
    createdBy: personId,
    validMinutes: unit.config.erpExport.linkDays * 24 * 60,
  });
  await unit.em.flush();
  return { file, path };
}

/** Days the nightly job catches up at most, after the server was off. */
const CATCH_UP_DAYS = 7;

/**
 * The nightly export: every production day that has ended and has no nightly export yet (the
 * last few, after a server was off), oldest first. Each day is exported once, whichever server
 * runs the job: its key is unique, and a second writer's insert fails and rolls its day back.
 */
export async function nightlyExports(unit: Services): Promise<ExportFile[]> {
  const day = productionDay(unit.config, unit.tz);
  const lastEnded = addDays(productionDateOf(unit.clock.now(), day), -1);
  const latest = await unit.em.findOne(ExportFile, { kind: 'nightly' }, { orderBy: { toDate: 'desc' } });
  let next = latest ? addDays(latest.toDate, 1) : lastEnded;
  if (next < addDays(lastEnded, 1 - CATCH_UP_DAYS)) next = addDays(lastEnded, 1 - CATCH_UP_DAYS);
  const written: ExportFile[] = [];
  for (; next <= lastEnded; next = addDays(next, 1)) {
    const date = next;
    const file = await unit.em.transactional(async (em) => {
      const tx = { ...unit, em };
      const exported = await writeExport(
        tx,
        { from: date, to: date },
        {
          kind: 'nightly',
          baseName: `shopfloor-${date}`,
          dedupeKey: `nightly:${date}`,
          createdBy: null,
        },
      );
      const names = exportFileNames(exported.baseName);
      await unit.events.publish(tx, 'erp.export_written', {
        export: exported,
        files: [names.xlsx, names.reportsCsv, names.issuesCsv],
      });
      return exported;
    });
    written.push(file);
  }
  return written;
}
