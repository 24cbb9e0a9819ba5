import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { formatDateTime } from '../../shared/display.js';
import { RefusedError } from '../../shared/errors.js';
import { outsourcingMessages as m } from '../messages.js';
import { orderFor } from '../order-lookup.js';
import { parseReturnAt } from '../order-view.js';
import { auditReschedule, rescheduleReturn } from '../reschedule-service.js';
import { changerOf } from './chat-deps.js';

/** `12-05 14:00 电镀线检修` or `12-05 电镀线检修`: the new time (its hour optional), then why. */
function readNewReturn(ctx: CommandContext, words: string[]): { at: Date; reason: string | null } {
  const read = (text: string) =>
    parseReturnAt(text, ctx.clock.now(), ctx.tz, ctx.config.outsourcing.defaultReturnTime);
  const [day = '', hour] = words;
  const withHour = hour === undefined ? undefined : read(`${day} ${hour}`);
  const at = withHour ?? read(day);
  if (!at) throw new RefusedError('bad_return_time', m.badReturnTime(day));
  const reason = words.slice(withHour ? 2 : 1).join(' ');
  return { at, reason: reason === '' ? null : reason };
}

/**
 * 改回厂 <单号> <回厂时间> [原因]: the coordinator, or the partner for their own batch, moves
 * the expected return; who, from when, to when and why are kept in the audit log.
 */
export const rescheduleReturnCommand: Command = {
  name: '改回厂',
  aliases: ['reschedule-return', '改回厂时间'],
  roles: ['coordinator', 'partner', 'supervisor'],
  help: m.rescheduleHelp,
  helpFor: { roles: ['partner'], help: m.reschedulePartnerHelp },
  args: [
    { name: 'order', label: '单号', kind: 'word' },
    // The time may take two words (12-05 14:00): what follows the day is read apart.
    { name: 'when', label: '回厂时间', kind: 'word' },
    { name: 'rest', label: '原因', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const order = await orderFor(ctx.em, ctx.person, String(args.order));
    const rest = args.rest === undefined ? [] : String(args.rest).split(/\s+/);
    const { at, reason } = readNewReturn(ctx, [String(args.when), ...rest]);
    const before = await rescheduleReturn(ctx.services, changerOf(ctx), order, at, reason);
    auditReschedule(ctx.em, ctx.actor, order, before, reason);
    const now = ctx.clock.now();
    const when = (d: Date) => formatDateTime(d, now, ctx.tz);
    ctx.reply(m.returnRescheduled(order.number, when(before), when(at), reason));
  },
};
