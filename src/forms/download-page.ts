import type Router from '@koa/router';
import { unitOf, type AppServices } from '../app-services.js';
import { downloadRoute, type RenderDownload } from '../http/downloads/download-links.js';
import { formsOf } from './config.js';
import { exportOfSubject, formWorkbook, FORM_EXPORT, submissionsInDays } from './export-service.js';
import { formMessages as m } from './messages.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The sheet a person asked for in chat, written as the link is opened (the rows as they are then). */
export const renderFormExport: RenderDownload = async (services, subject) => {
  const wanted = exportOfSubject(subject);
  const form = wanted && formsOf(services.config).find((f) => f.key === wanted.formKey);
  if (!wanted || !form) return undefined;
  const rows = await submissionsInDays(unitOf(services), form, wanted.from, wanted.to);
  return {
    fileName: `${form.name}-${wanted.from}-${wanted.to}.xlsx`,
    contentType: XLSX,
    body: await formWorkbook(form, rows, services.tz),
  };
};

/** `/downloads/form-export/<token>`: the export links sent in chat. */
export function formDownloads(services: AppServices): Router {
  return downloadRoute(services, FORM_EXPORT, renderFormExport, m.linkExpired);
}
