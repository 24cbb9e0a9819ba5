import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { parseQuantity } from '../../chat/text/chinese-number.js';
import { issueMaterial } from '../../materials/issue-service.js';
import { materialMessages } from '../../materials/messages.js';
import { readWrittenQuantity } from '../../materials/units.js';
import { RefusedError } from '../../shared/errors.js';
import { Item } from '../item.entity.js';
import { workOrderMessages as m } from '../messages.js';
import { loadOrder } from '../task-lookup.js';
import { createWorkOrder, parseDueDate, releaseWorkOrder } from '../work-order-service.js';
import { depsOf } from './deps.js';

async function create(
  ctx: CommandContext,
  itemCode: string,
  quantity: number,
  dueText: string,
  customer?: string,
) {
  const dueDate = parseDueDate(dueText, ctx.clock.now(), ctx.tz);
  if (!dueDate) throw new RefusedError('bad_due_date', m.badDueDate(dueText));
  const order = await createWorkOrder(
    depsOf(ctx),
    ctx.actor,
    { itemCode, quantity, dueDate, customer: customer ?? null },
    ctx.tz,
  );
  const { tasks } = await loadOrder(ctx.em, order.number);
  ctx.reply(m.orderCreated(order.number, order.item.name, quantity, dueDate, tasks.length));
}

/** `新建工单` alone starts a short dialog; with its arguments it is one line. */
export const newWorkOrderCommand: Command = {
  name: '新建工单',
  aliases: ['new'],
  roles: ['planner', 'supervisor'],
  help: '新建工单（可一次写全：物料 数量 交期 [客户]）',
  args: [
    { name: 'item', label: '物料编码', kind: 'word', optional: true },
    { name: 'quantity', label: '数量', kind: 'quantity', optional: true },
    { name: 'due', label: '交期', kind: 'word', optional: true },
    { name: 'customer', label: '客户', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    if (args.item !== undefined && typeof args.quantity === 'number' && args.due !== undefined) {
      return create(
        ctx,
        String(args.item),
        args.quantity,
        String(args.due),
        args.customer as string | undefined,
      );
    }
    await ctx.ask('新建工单', 'item', m.askItem, {});
  },
  async resume(ctx, step, state, answer) {
    const text = answer.trim();
    if (step === 'item') {
      const item = await ctx.em.findOne(Item, { code: text.toUpperCase() });
      if (!item) return ctx.ask('新建工单', 'item', `${m.itemNotFound(text)}${m.askItem}`, {});
      return ctx.ask('新建工单', 'quantity', m.askOrderQuantity(item.name), { item: item.code });
    }
    if (step === 'quantity') {
      const quantity = parseQuantity(text);
      if (quantity === undefined || quantity <= 0)
        return ctx.ask('新建工单', 'quantity', m.askOrderQuantity(String(state.item)), state);
      return ctx.ask('新建工单', 'due', m.askDueDate, { ...state, quantity });
    }
    if (!parseDueDate(text, ctx.clock.now(), ctx.tz))
      return ctx.ask('新建工单', 'due', `${m.badDueDate(text)}${m.askDueDate}`, state);
    await create(ctx, String(state.item), Number(state.quantity), text);
  },
};

export const releaseCommand: Command = {
  name: '下达',
  aliases: ['release'],
  roles: ['planner', 'supervisor'],
  help: '把计划中的工单下达到车间',
  args: [{ name: 'order', label: '工单号', kind: 'word' }],
  async run(ctx, args) {
    const { order } = await loadOrder(ctx.em, String(args.order));
    releaseWorkOrder(depsOf(ctx), ctx.actor, order);
    ctx.reply(m.orderReleased(order.number));
  },
};

export const issueMaterialCommand: Command = {
  name: '领料',
  aliases: ['issue-material'],
  roles: ['worker', 'team_lead', 'supervisor'],
  help: '登记工单领用了哪个批次的多少材料（数量按批次的单位，可写 150kg）',
  args: [
    { name: 'order', label: '工单号', kind: 'word' },
    { name: 'lot', label: '批次', kind: 'word' },
    { name: 'quantity', label: '数量', kind: 'word' },
  ],
  async run(ctx, args) {
    const text = String(args.quantity);
    const written = readWrittenQuantity(text);
    if (!written) throw new RefusedError('bad_quantity', materialMessages.notAQuantity(text));
    const loaded = await loadOrder(ctx.em, String(args.order));
    const { lot, issue } = await issueMaterial(
      depsOf(ctx),
      ctx.actor,
      loaded,
      String(args.lot),
      written.value,
      written.unit,
    );
    // What was stored, not what was typed: the reply is the record.
    ctx.reply(
      materialMessages.issued(
        lot.lotNumber,
        issue.quantity,
        lot.item.unit,
        loaded.order.number,
        lot.remaining,
      ),
    );
  },
};
