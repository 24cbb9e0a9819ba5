import { defineRoute } from '../http/api/api-route.js';
import { renderJobTicket } from './job-ticket.js';
import { renderLotLabels } from './lot-labels.js';
import { pdfFont } from './pdf-font.js';
import { jobTicketOf, lotLabelsOf, MAX_LABELS } from './print-service.js';

const contextOf = (services: { settings: { publicUrl: string }; clock: { now(): Date }; tz: string }) => ({
  publicUrl: services.settings.publicUrl,
  now: services.clock.now(),
  tz: services.tz,
});

export const jobTicketRoute = defineRoute({
  method: 'get',
  path: '/work-orders/:number/ticket.pdf',
  scope: 'printing:read',
  summary: 'The printed job ticket (流转卡) of a work order: its header and one QR code per operation',
  tag: 'printing',
  produces: 'application/pdf',
  async handle({ em, params, services }) {
    const ticket = await jobTicketOf(em, params.number ?? '', contextOf(services));
    return { body: await renderJobTicket(ticket, pdfFont(services.config.tickets.fontFile)) };
  },
});

export const lotLabelsRoute = defineRoute({
  method: 'get',
  path: '/lot-labels.pdf',
  scope: 'printing:read',
  summary: 'A sheet of QR labels (2 × 7 on A4) for the named material lots',
  tag: 'printing',
  produces: 'application/pdf',
  query: { lots: { type: 'string', description: `Comma-separated lot numbers, at most ${MAX_LABELS}` } },
  async handle({ em, query, services }) {
    const lots = (query.lots ?? '')
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    const labels = await lotLabelsOf(em, lots, contextOf(services));
    return { body: await renderLotLabels(labels, pdfFont(services.config.tickets.fontFile)) };
  },
});
