import { readYesNo, wordChoice } from '../../chat/commands/arguments.js';
import type { Command } from '../../chat/commands/command.js';
import { parseQuantity } from '../../chat/text/chinese-number.js';
import { personById, personByMention } from '../../people/directory.js';
import { formatDateTime } from '../../shared/display.js';
import { rejectReason } from '../../quality/inspections/inspection-service.js';
import { RefusedError } from '../../shared/errors.js';
import { outsourcingMessages as m, qcMessages as qm } from '../messages.js';
import { orderFor } from '../order-lookup.js';
import type { CommandContext } from '../../chat/context.js';
import type { OutsourcingOrder, QcResult } from '../outsourcing-order.entity.js';
import { inspectedPieces, recordQcCounts, type QcCounts } from '../qc-service.js';
import { recentSameReceipt, recordQc, recordReturn, type ReturnOutcome } from '../receiving-service.js';
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
    await receive(ctx, String(args.order), Number(args.quantity), false);
  },
  async resume(ctx, _step, state, answer) {
    const { order, quantity } = state as { order: string; quantity: number };
    const again = readYesNo(answer);
    if (again === undefined) return receive(ctx, order, quantity, false);
    if (!again) return ctx.reply(m.returnNotAgain(order));
    await receive(ctx, order, quantity, true);
  },
};

/** Records the receipt, unless the same count was just recorded and `again` has not confirmed it. */
async function receive(ctx: CommandContext, number: string, quantity: number, again: boolean) {
  const order = await orderFor(ctx.em, ctx.person, number);
  const same = again ? null : await recentSameReceipt(ctx.services, order, quantity);
  if (same) {
    const who = same.actorId ? ((await personById(ctx.em, same.actorId))?.name ?? same.actorId) : '';
    const at = formatDateTime(same.at, ctx.clock.now(), ctx.tz);
    return ctx.ask('回厂', 'again', m.returnAgain(order.number, quantity, at, who), {
      order: order.number,
      quantity,
    });
  }
  const outcome = recordReturn(ctx.services, changerOf(ctx), order, quantity);
  await publishChange(ctx.services, order, outcome.change);
  ctx.reply(returnReply(ctx, order, outcome));
}

/** The answer to a receipt, whether 回厂 or a move into a returned state recorded it. */
export function returnReply(ctx: CommandContext, order: OutsourcingOrder, outcome: ReturnOutcome): string {
  const quantity = outcome.received;
  // A partner sent the pieces back: told in their words, as their page tells them.
  if (ctx.person.roles.every((r) => r === 'partner'))
    return m.sentBack(order.number, quantity, outcome.returned, order.quantity);
  return outcome.complete
    ? m.returnedAll(order.number, quantity, statesOf(ctx.config.outsourcing).nameOf(order.state))
    : m.returnedPart(order.number, quantity, outcome.returned, order.quantity);
}

/**
 * 质检 <单号> 合格 95 不合格 3 返工 2 原因 D01 让步 1 批准 周强: QC counts the pieces back. The old
 * whole-batch verdict, 质检 <单号> 合格|不合格|让步 [说明], still works; on an order sent for a work
 * order's operation 合格 and 让步 count every piece back and not yet inspected.
 */
export const qcCommand: Command = {
  name: '质检',
  aliases: ['qc', '检验'],
  roles: ['qc', 'supervisor'],
  help: qm.qcHelp,
  args: [
    { name: 'order', label: '单号', kind: 'word' },
    wordChoice('result', ['合格', '不合格', '让步']),
    { name: 'note', label: '数量 原因 说明', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const word = String(args.result);
    const rest = args.note === undefined ? [] : String(args.note).trim().split(/\s+/);
    const counted = rest.length > 0 && parseQuantity(rest[0] ?? '') !== undefined;
    const result = m.qcWords[word];
    if (!result && !counted) return ctx.reply(m.badQc);
    const order = await orderFor(ctx.em, ctx.person, String(args.order));
    const states = statesOf(ctx.config.outsourcing);
    if (!counted && (result === 'fail' || !order.operation)) {
      const note = args.note === undefined ? null : String(args.note);
      await recordQc(ctx.services, changerOf(ctx), order, result as QcResult, note);
      return ctx.reply(m.qcRecorded(order.number, result as QcResult, states.nameOf(order.state)));
    }
    let counts: QcCounts;
    if (counted) {
      counts = await readCounts(ctx, [word, ...rest]);
    } else {
      // A whole-batch verdict on an order for an operation: every piece waiting counts.
      if (!states.isBack(order.state))
        throw new RefusedError('not_returned', m.notBackYet(order.number, states.nameOf(order.state)));
      const waiting = order.returnedQuantity - (await inspectedPieces(ctx.services, order));
      const note = args.note === undefined ? undefined : String(args.note);
      counts =
        result === 'concession'
          ? { accepted: 0, concession: waiting, rejected: 0, rework: 0, note }
          : { accepted: waiting, concession: 0, rejected: 0, rework: 0, note };
    }
    const outcome = await recordQcCounts(ctx.services, ctx.actor, changerOf(ctx), order, counts);
    const i = outcome.inspection;
    const approver = counts.concession > 0 ? (counts.approver ?? ctx.person).name : undefined;
    ctx.reply(
      qm.recorded(
        order.number,
        qm.summary(counts, approver),
        outcome.waitingAfter,
        outcome.operation,
        i.accepted + i.concession,
        states.nameOf(order.state),
      ),
    );
  },
};

const COUNT_WORDS: Record<string, 'accepted' | 'concession' | 'rejected' | 'rework'> = {
  合格: 'accepted',
  让步: 'concession',
  让步接收: 'concession',
  不合格: 'rejected',
  报废: 'rejected',
  返工: 'rework',
};

/** `合格 95 不合格 3 原因 D01 返工 2 让步 1 批准 周强 说明 …`: keywords in any order. */
async function readCounts(ctx: CommandContext, tokens: string[]): Promise<QcCounts> {
  const counts: QcCounts = { accepted: 0, concession: 0, rejected: 0, rework: 0 };
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i] ?? '';
    const value = tokens[i + 1];
    if (word === '说明') {
      counts.note = tokens.slice(i + 1).join(' ') || undefined;
      break;
    }
    const key = COUNT_WORDS[word];
    if (key) {
      const n = parseQuantity(value ?? '');
      if (n === undefined || !Number.isInteger(n) || n < 0)
        throw new RefusedError('not_whole_pieces', qm.notWhole(word, value ?? ''));
      counts[key] += n;
    } else if (word === '原因' && value !== undefined) {
      counts.reason = rejectReason(ctx.config.quality.rejectReasons, value);
    } else if (word === '批准' && value !== undefined) {
      const approver = await personByMention(ctx.em, value.replace(/^@/, ''));
      if (!approver) throw new RefusedError('approver_unknown', qm.approverUnknown(value));
      counts.approver = approver;
    } else {
      throw new RefusedError('bad_qc_word', qm.unknownWord(word));
    }
    i += 1;
  }
  return counts;
}
