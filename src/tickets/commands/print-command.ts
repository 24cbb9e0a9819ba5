import type { Command } from '../../chat/commands/command.js';
import { RefusedError } from '../../shared/errors.js';
import { ticketMessages as m } from '../messages.js';
import { jobTicketOf, lotLabelsOf, LOT_LABELS, offerPrint, TICKET } from '../print-service.js';

/**
 * `打印 <工单>` / `打印 批次 <批次…>`: a link to the PDF to print. The record is checked now, so
 * a typo is answered at once; the PDF is drawn when the link is opened.
 */
export const printCommand: Command = {
  name: '打印',
  aliases: ['print'],
  roles: ['planner', 'supervisor', 'team_lead', 'qc', 'manager'],
  help: m.printHelp,
  args: [{ name: 'what', label: '工单号', kind: 'text', optional: true }],
  async run(ctx, args) {
    const words = String(args.what ?? '')
      .split(/\s+/)
      .filter(Boolean);
    const context = { publicUrl: ctx.publicUrl, now: ctx.clock.now(), tz: ctx.tz };
    const hours = ctx.config.tickets.linkHours;
    if (words[0] === '批次') {
      const lots = words.slice(1);
      if (lots.length === 0) throw new RefusedError('print_usage', m.printUsage);
      const labels = await lotLabelsOf(ctx.em, lots, context);
      const path = offerPrint(
        ctx.services,
        LOT_LABELS,
        labels.map((l) => l.lotNumber).join('\n'),
        ctx.person.id,
      );
      ctx.reply(m.labelsReady(labels.length, `${ctx.publicUrl}${path}`, hours));
      return;
    }
    if (words.length !== 1) throw new RefusedError('print_usage', m.printUsage);
    const ticket = await jobTicketOf(ctx.em, words[0]!, context);
    const path = offerPrint(ctx.services, TICKET, ticket.number, ctx.person.id);
    ctx.reply(m.ticketReady(ticket.number, ticket.operations.length, `${ctx.publicUrl}${path}`, hours));
  },
};
