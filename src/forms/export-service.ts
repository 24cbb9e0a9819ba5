import { offerDownload } from '../http/downloads/download-links.js';
import type { Services } from '../services.js';
import { addDays, productionDay, productionInterval } from '../shared/production-day.js';
import { inZone } from '../shared/time.js';
import { shownAnswer } from './answers.js';
import type { FormConfig } from './config.js';
import type { FormSubmission } from './form-submission.entity.js';
import { formMessages as m } from './messages.js';
import { submissionsOf } from './submission-service.js';

/** The current submissions of production days `from`..`to`, oldest first, as the sheet lists them. */
export async function submissionsInDays(
  deps: Pick<Services, 'em' | 'config' | 'tz'>,
  form: Pick<FormConfig, 'key'>,
  from: string,
  to: string,
): Promise<FormSubmission[]> {
  const day = productionDay(deps.config, deps.tz);
  const rows = await submissionsOf(deps, form.key, {
    from: productionInterval(from, day).start,
    to: productionInterval(addDays(to, 1), day).start,
  });
  return rows.reverse();
}

/**
 * The sheet of a form: one row per current submission, one column per field the form has now
 * and then any field only older rows answered (a field removed from factory.yaml stays readable).
 */
export async function formWorkbook(
  form: FormConfig,
  rows: readonly FormSubmission[],
  tz: string,
): Promise<Buffer> {
  // Loaded on first use: the spreadsheet writer costs start-up time and memory most servers never need.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(form.name.slice(0, 31));
  const known = new Set(form.fields.map((f) => f.key));
  const removed = [...new Set(rows.flatMap((r) => Object.keys(r.answers)))].filter((k) => !known.has(k));
  const c = m.sheetColumns;
  sheet.addRow([
    c.number,
    c.at,
    c.who,
    c.subject,
    c.team,
    c.period,
    c.supersedes,
    ...form.fields.map((f) => (f.unit ? `${f.label}(${f.unit})` : f.label)),
    ...removed,
  ]);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow([
      r.id,
      inZone(r.createdAt, tz).format('YYYY-MM-DD HH:mm'),
      r.filledBy.name,
      r.subjectKey ?? '',
      r.teamId ?? '',
      r.periodKey ?? '',
      r.supersedes ?? '',
      ...form.fields.map((f) => {
        const value = r.answers[f.key];
        // Numbers stay numbers, so the sheet can sum and chart them.
        return typeof value === 'number' ? value : shownAnswer(f, value);
      }),
      ...removed.map((k) => shownAnswer(undefined, r.answers[k])),
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const FORM_EXPORT = 'form-export';

/** A link (a path under the public URL) that writes the sheet of these days when opened, for `linkDays`. */
export function offerFormExport(
  deps: Pick<Services, 'em' | 'clock' | 'config'>,
  form: FormConfig,
  from: string,
  to: string,
  personId: string,
): string {
  return offerDownload(deps.em, deps.clock, {
    kind: FORM_EXPORT,
    subject: [form.key, from, to].join('\n'),
    createdBy: personId,
    validMinutes: deps.config.forms.linkDays * 24 * 60,
  });
}

/** What an export link's subject names: the form's key and the days. */
export function exportOfSubject(subject: string): { formKey: string; from: string; to: string } | undefined {
  const [formKey, from, to] = subject.split('\n');
  return formKey && from && to ? { formKey, from, to } : undefined;
}
