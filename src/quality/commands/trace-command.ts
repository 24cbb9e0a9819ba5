import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { formatDateTime } from '../../shared/display.js';
import { RefusedError } from '../../shared/errors.js';
import { workOrderMessages } from '../../workorders/messages.js';
import { qualityMessages as m } from '../messages.js';
import { MAX_TRACE_CODE, traceCode, type OrderTrace, type TraceKind } from '../trace-service.js';

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
 * (`追溯 批次 X` / `追溯 工单 X` / `追溯 序列号 X`).
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
    if (code.length > MAX_TRACE_CODE) throw new RefusedError('code_too_long', m.codeTooLong(MAX_TRACE_CODE));
    const found = await traceCode(ctx.em, code, named, ctx.config.outsourcing.states);
    const when = (at: Date) => formatDateTime(at, ctx.clock.now(), ctx.tz);
    switch (found.kind) {
      case 'ambiguous':
        return ctx.reply(m.ambiguous(code, found.kinds));
      case 'lot':
        return ctx.reply(m.lot(found.trace, when, workOrderMessages.statusNames));
      case 'order':
        return replyOrder(ctx, found.trace, when);
      case 'serial':
        return replyOrder(ctx, found.trace, when, m.serial(found.serial, when));
      case 'not_found':
        throw new RefusedError('not_found', m.nothingFound(code));
    }
  },
};

function replyOrder(
  ctx: CommandContext,
  order: OrderTrace,
  when: (at: Date) => string,
  piece?: string,
): void {
  const card = m.order(order, when, {
    status: workOrderMessages.statusNames,
    kinds: workOrderMessages.exceptionKindNames,
    exceptionStatus: workOrderMessages.exceptionStatusNames,
  });
  ctx.reply(piece ? `${piece}\n${card}` : card);
}
