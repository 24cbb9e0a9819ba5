import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { workOrderMessages as m } from '../messages.js';
import { cancelWorkOrder, changeDueDate } from '../order-changes.js';
import { loadOrder } from '../task-lookup.js';
import { dueDateOf, factoryToday } from '../work-order-service.js';
import { readYesNo } from '../../chat/commands/arguments.js';

const orderArg = { name: 'order', label: '工单号', kind: 'word' } as const;

export const cancelOrderCommand: Command = {
  name: '取消工单',
  aliases: ['cancel-order'],
  roles: ['planner', 'supervisor'],
  help: '取消工单并写明原因：未完成的工序停止，已报的数量保留',
  args: [orderArg, { name: 'reason', label: '原因', kind: 'text' }],
  async run(ctx, args) {
    const loaded = await loadOrder(ctx.em, String(args.order));
    const stopped = await cancelWorkOrder(ctx.services, ctx.actor, loaded, String(args.reason).slice(0, 200));
    ctx.reply(m.orderCancelled(loaded.order.number, stopped));
  },
};

const RESCHEDULE = '改交期';

async function reschedule(ctx: CommandContext, number: string, due: string): Promise<void> {
  const { order } = await loadOrder(ctx.em, number);
  const from = changeDueDate(ctx.services, ctx.actor, order, due);
  ctx.reply(m.dueDateChanged(order.number, from, due));
}

/** 改交期 <工单号> <日期>; a date already past is confirmed first, as for 新建工单. */
export const rescheduleCommand: Command = {
  name: RESCHEDULE,
  aliases: ['due'],
  roles: ['planner', 'supervisor'],
  help: '修改工单交期（记录谁在何时从哪天改到哪天）',
  args: [orderArg, { name: 'due', label: '交期', kind: 'word' }],
  async run(ctx, args) {
    const due = dueDateOf(String(args.due), ctx.clock.now(), ctx.tz);
    const today = factoryToday(ctx.clock.now(), ctx.tz);
    if (due >= today) return reschedule(ctx, String(args.order), due);
    await loadOrder(ctx.em, String(args.order)); // an unknown order is said before the question
    await ctx.ask(RESCHEDULE, 'past', m.pastDueDate(due, today), { order: String(args.order), due });
  },
  async resume(ctx, step, state, answer) {
    const confirmed = readYesNo(answer);
    const due = String(state.due);
    if (confirmed === undefined)
      return ctx.ask(RESCHEDULE, step, m.pastDueDate(due, factoryToday(ctx.clock.now(), ctx.tz)), state);
    if (!confirmed) return ctx.reply(m.dueDateKept);
    await reschedule(ctx, String(state.order), due);
  },
};
