import type { EntityManager } from '@mikro-orm/core';
import { offerDownload } from '../http/downloads/download-links.js';
import type { Services } from '../services.js';
import { RefusedError } from '../shared/errors.js';
import { loadJobTicket, type JobTicket } from './job-ticket.js';
import { loadLotLabels, type LotLabel } from './lot-labels.js';
import { ticketMessages as m } from './messages.js';

/** The most labels one print takes: four sheets. */
export const MAX_LABELS = 56;

export const TICKET = 'ticket';
export const LOT_LABELS = 'lot-labels';

type Context = { publicUrl: string; now: Date; tz: string };

/** The ticket of an order, refused when there is none. */
export async function jobTicketOf(em: EntityManager, number: string, context: Context): Promise<JobTicket> {
  const ticket = await loadJobTicket(em, number, context);
  if (!ticket) throw new RefusedError('work_order_not_found', m.orderNotFound(number), { number });
  return ticket;
}

/** The labels of the named lots, refused (naming them) when any is unknown or there are too many. */
export async function lotLabelsOf(
  em: EntityManager,
  lotNumbers: readonly string[],
  context: Context,
): Promise<LotLabel[]> {
  const unique = [...new Set(lotNumbers)];
  if (unique.length > MAX_LABELS) throw new RefusedError('too_many_labels', m.tooManyLots(MAX_LABELS));
  const { labels, missing } = await loadLotLabels(em, unique, context);
  if (missing.length > 0) throw new RefusedError('lot_not_found', m.lotsNotFound(missing), { missing });
  return labels;
}

/** A link that renders the print when opened (the order as it then stands). */
export function offerPrint(unit: Services, kind: string, subject: string, createdBy: string): string {
  return offerDownload(unit.em, unit.clock, {
    kind,
    subject,
    createdBy,
    validMinutes: unit.config.tickets.linkHours * 60,
  });
}
