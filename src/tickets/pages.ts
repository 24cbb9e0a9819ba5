import Router from '@koa/router';
import { unitOf, type AppServices } from '../app-services.js';
import { downloadRoute, type RenderDownload } from '../http/downloads/download-links.js';
import { renderJobTicket } from './job-ticket.js';
import { renderLotLabels } from './lot-labels.js';
import { ticketMessages as m } from './messages.js';
import { scanLandingPages } from './scan-landing.js';
import { pdfFont } from './pdf-font.js';
import { jobTicketOf, lotLabelsOf, LOT_LABELS, TICKET } from './print-service.js';

const PDF = 'application/pdf';

const contextOf = (services: AppServices) => ({
  publicUrl: services.settings.publicUrl,
  now: services.clock.now(),
  tz: services.tz,
});

/** A print of the order as it stands when the link is opened. */
export const printJobTicket: RenderDownload = async (services, number) => {
  const ticket = await jobTicketOf(unitOf(services).em, number, contextOf(services));
  const body = await renderJobTicket(ticket, pdfFont(services.config.tickets.fontFile));
  return { fileName: `${ticket.number}-流转卡.pdf`, contentType: PDF, body };
};

export const printLotLabels: RenderDownload = async (services, subject) => {
  const labels = await lotLabelsOf(unitOf(services).em, subject.split('\n'), contextOf(services));
  const body = await renderLotLabels(labels, pdfFont(services.config.tickets.fontFile));
  return { fileName: `批次标签-${labels[0]?.lotNumber ?? ''}.pdf`, contentType: PDF, body };
};

/** The print links sent in chat, and the pages the printed codes' links open. */
export function printPages(services: AppServices): Router {
  const router = new Router();
  router.use(downloadRoute(services, TICKET, printJobTicket, m.linkExpired).routes());
  router.use(downloadRoute(services, LOT_LABELS, printLotLabels, m.linkExpired).routes());
  router.use(scanLandingPages().routes());
  return router;
}
