import type { Command } from '../../chat/commands/command.js';
import { outsourcingMessages as m } from '../messages.js';
import { orderFor } from '../order-lookup.js';
import type { CommandContext } from '../../chat/context.js';
import type { OutsourcingOrder } from '../outsourcing-order.entity.js';
import { recordQc, recordReturn, type ReturnOutcome } from '../receiving-service.js';
import { publishChange } from '../state-moves.js';
import { statesOf } from '../states.js';
import { changerOf } from './chat-deps.js';

/** 回厂 <单号> <数量>: part or all of a batch is back; the last part moves it to 待质检. */
export const returnCommand: Command = {
  name: '回厂',
  aliases: ['receive', '收货'],
  roles: ['coordinator', 'qc', 'supervisor'],
  help: '登记外发单回厂数量（可分批）',
  args: [
    { name: 'order', label: '单号', kind: 'word' },
    { name: 'quantity', label: '数量', kind: 'quantity' },
  ],
  async run(ctx, args) {
    const order = await orderFor(ctx.em, ctx.person, String(args.order));
    const quantity = Number(args.quantity);
    const outcome = recordReturn(ctx.services, changerOf(ctx), order, quantity);
    await publishChange(ctx.services, order, outcome.change);
    ctx.reply(returnReply(ctx, order, outcome));
  },
};

/** The answer to a receipt, whether 回厂 or a move into a returned state recorded it. */
export function returnReply(ctx: CommandContext, order: OutsourcingOrder, outcome: ReturnOutcome): string {
  const quantity = outcome.received;
  return outcome.complete
    ? m.returnedAll(order.number, quantity, statesOf(ctx.config.outsourcing).nameOf(order.state))
    : m.returnedPart(order.number, quantity, outcome.returned, order.quantity);
}

/** 质检 <单号> 合格|不合格|让步 [说明]: the inspection of a returned batch. */
export const qcCommand: Command = {
  name: '质检',
  aliases: ['qc', '检验'],
  roles: ['qc', 'supervisor'],
  help: '登记回厂外发单的质检结果：合格、不合格或让步',
  args: [
    { name: 'order', label: '单号', kind: 'word' },
    { name: 'result', label: '合格|不合格|让步', kind: 'word' },
    { name: 'note', label: '说明', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const result = m.qcWords[String(args.result)];
    if (!result) return ctx.reply(m.badQc);
    const order = await orderFor(ctx.em, ctx.person, String(args.order));
    const note = args.note === undefined ? null : String(args.note).slice(0, 200);
    await recordQc(ctx.services, changerOf(ctx), order, result, note);
    ctx.reply(m.qcRecorded(order.number, result, statesOf(ctx.config.outsourcing).nameOf(order.state)));
  },
};
