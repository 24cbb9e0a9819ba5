import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Router from '@koa/router';
import { unitOf, type AppServices } from '../app-services.js';
import { exportByToken, exportFileNames } from './export-service.js';
import { erpMessages as m } from './messages.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `/exports/<token>`: the workbook of a chat export, while its link lasts. */
export function exportDownloads(services: AppServices): Router {
  const router = new Router();
  router.get('/exports/:token', async (ctx) => {
    const file = await exportByToken(unitOf(services), ctx.params.token ?? '');
    if (!file) {
      ctx.status = 410;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = m.linkExpired;
      return;
    }
    const name = exportFileNames(file.baseName).xlsx;
    ctx.type = XLSX;
    ctx.set('Content-Disposition', `attachment; filename="${name}"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await readFile(join(resolve(services.config.erpExport.folder), name));
  });
  return router;
}
