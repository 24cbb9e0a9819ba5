import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { formatDateTime } from '../../shared/display.js';
import { RefusedError } from '../../shared/errors.js';
import { workOrderMessages } from '../../workorders/messages.js';
import { qualityMessages as m } from '../messages.js';
import { traceLot, traceOrder } from '../trace-service.js';

/** Lot numbers and order numbers are both at most this long (their columns). */
const MAX_CODE = 64;

/**
 * `追溯 <批次号或工单号>`: when a customer complains about a batch, where its material came from
 * and who made it on which machine; or, for a lot, every order that used it. A code that is
 * both a lot and an order is asked about, not guessed (`追溯 批次 X` / `追溯 工单 X`).
 */
export const traceCommand: Command = {
  name: '追溯',
  aliases: ['trace', '溯源'],
  roles: ['qc', 'supervisor', 'manager', 'planner', 'team_lead'],
  help: m.traceHelp,
  args: [{ name: 'code', label: '批次号或工单号', kind: 'text' }],
  async run(ctx, args) {
    const words = String(args.code).trim().split(/\s+/);
    const kind = words.length > 1 && [m.lotWord, m.orderWord].includes(words[0]!) ? words.shift() : undefined;
    const code = words.join(' ');
    if (code.length > MAX_CODE) throw new RefusedError('code_too_long', m.codeTooLong(MAX_CODE));
    const lot = kind === m.orderWord ? null : await traceLot(ctx.em, code);
    const order = kind === m.lotWord ? null : await traceOrder(ctx.em, code, ctx.config.outsourcing.states);
    if (lot && order) return ctx.reply(m.ambiguous(code));
    const when = (at: Date) => formatDateTime(at, ctx.clock.now(), ctx.tz);
    if (lot) return ctx.reply(m.lot(lot, when, workOrderMessages.statusNames));
    if (order) return replyOrder(ctx, order, when);
    throw new RefusedError('not_found', m.nothingFound(code));
  },
};

function replyOrder(
  ctx: CommandContext,
  order: NonNullable<Awaited<ReturnType<typeof traceOrder>>>,
  when: (at: Date) => string,
): void {
  ctx.reply(
    m.order(order, when, {
      status: workOrderMessages.statusNames,
      kinds: workOrderMessages.exceptionKindNames,
      exceptionStatus: workOrderMessages.exceptionStatusNames,
    }),
  );
}
