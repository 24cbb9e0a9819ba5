import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type Router from '@koa/router';
import { unitOf, type AppServices } from '../app-services.js';
import { downloadRoute, type RenderDownload } from '../http/downloads/download-links.js';
import { ExportFile } from './export-file.entity.js';
import { ERP_EXPORT, exportFileNames } from './export-service.js';
import { erpMessages as m } from './messages.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The workbook of a chat export, as written then (the ERP imports what the link promised). */
export const renderErpExport: RenderDownload = async (services, subject) => {
  const file = await unitOf(services).em.findOne(ExportFile, { id: Number(subject), kind: 'chat' });
  if (!file) return undefined;
  const name = exportFileNames(file.baseName).xlsx;
  const body = await readFile(join(resolve(services.config.erpExport.folder), name));
  return { fileName: name, contentType: XLSX, body };
};

/** `/downloads/erp-export/<token>`: the chat exports' links. */
export function exportDownloads(services: AppServices): Router {
  return downloadRoute(services, ERP_EXPORT, renderErpExport, m.linkExpired);
}
