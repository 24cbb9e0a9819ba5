import type { Command } from '../../chat/commands/command.js';
import { offerDownload } from '../../http/downloads/download-links.js';
import { offerMediaLink } from '../../shared/media/media-links.js';
import { qualityMessages as m } from '../messages.js';
import { traceAnswer } from '../trace-answer.js';
import { TRACE_LINK_HOURS, TRACE_PAGE, traceSubject } from '../trace-page.js';
import type { TraceKind } from '../trace-service.js';

const KIND_WORDS: Record<string, TraceKind> = {
  [m.lotWord]: 'lot',
  [m.materialLotWord]: 'lot',
  [m.orderWord]: 'order',
  [m.serialWord]: 'serial',
};

/**
 * `追溯 <批次号、工单号或序列号>`: when a customer complains about a batch or one piece, where
 * its material came from (and from which supplier) and who made it on which machine; or, for
 * a lot, every order that used it. A code that names two things is asked about, not guessed
 * (`追溯 批次 X` / `追溯 工单 X` / `追溯 序列号 X`). A trace comes with a link to the same
 * answer as a page to print or forward to the customer.
 */
export const traceCommand: Command = {
  name: '追溯',
  aliases: ['trace', '溯源'],
  roles: ['qc', 'supervisor', 'manager', 'planner', 'team_lead'],
  help: m.traceHelp,
  args: [{ name: 'code', label: '批次号、工单号或序列号', kind: 'text' }],
  async run(ctx, args) {
    const words = String(args.code).trim().split(/\s+/);
    const named = words.length > 1 ? KIND_WORDS[words[0]!] : undefined;
    if (named) words.shift();
    const code = words.join(' ');
    const answer = await traceAnswer(ctx.em, code, named, {
      config: ctx.config,
      now: ctx.clock.now(),
      tz: ctx.tz,
    });
    ctx.reply(answer.text);
    if (answer.kind === 'ambiguous') return;
    const path = offerDownload(ctx.services.em, ctx.clock, {
      kind: TRACE_PAGE,
      subject: traceSubject(answer.kind, code),
      createdBy: ctx.person.id,
      validMinutes: TRACE_LINK_HOURS * 60,
    });
    ctx.reply(m.printablePage(`${ctx.publicUrl}${path}`, TRACE_LINK_HOURS));
    if (answer.photos.length === 0) return;
    const links = answer.photos.map(({ label, mediaId }) => ({
      label,
      url: offerMediaLink(ctx.services, ctx.publicUrl, mediaId, ctx.person.id),
    }));
    ctx.reply(m.tracePhotos(links, ctx.config.media.linkHours));
  },
};
