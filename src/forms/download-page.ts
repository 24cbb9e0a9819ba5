import Router from '@koa/router';
import { unitOf, type AppServices } from '../app-services.js';
import { formsOf } from './config.js';
import { formWorkbook, linkByToken, submissionsInDays } from './export-service.js';
import { formMessages as m } from './messages.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `/form-exports/<token>`: the sheet a person asked for in chat, written as the link is opened. */
export function formDownloads(services: AppServices): Router {
  const router = new Router();
  router.get('/form-exports/:token', async (ctx) => {
    const unit = unitOf(services);
    const link = await linkByToken(unit.em, ctx.params.token ?? '', services.clock.now());
    const form = link && formsOf(services.config).find((f) => f.key === link.formKey);
    if (!link || !form) {
      ctx.status = 410;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = m.linkExpired;
      return;
    }
    const rows = await submissionsInDays(unit, form, link.fromDate, link.toDate);
    ctx.type = XLSX;
    ctx.set('Content-Disposition', `attachment; filename="${form.key}-${link.fromDate}-${link.toDate}.xlsx"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await formWorkbook(form, rows, services.tz);
  });
  return router;
}
