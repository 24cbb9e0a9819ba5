import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { itemNamed } from '../item-lookup.js';
import { workOrderMessages as m } from '../messages.js';
import { loadOrder } from '../task-lookup.js';
import {
  createWorkOrder,
  dueDateOf,
  factoryToday,
  orderQuantityOf,
  parseDueDate,
  releaseWorkOrder,
} from '../work-order-service.js';
import { readYesNo } from '../../chat/commands/arguments.js';

interface OrderDraft {
  item?: string;
  quantity?: number;
  due?: string;
  customer?: string | null;
}

const NEW_ORDER = '新建工单';

async function create(ctx: CommandContext, draft: Required<OrderDraft>) {
  const order = await createWorkOrder(
    ctx.services,
    ctx.actor,
    { itemCode: draft.item, quantity: draft.quantity, dueDate: draft.due, customer: draft.customer },
    ctx.tz,
  );
  const { tasks } = await loadOrder(ctx.em, order.number);
  ctx.reply(
    m.orderCreated(
      order.number,
      order.item.name,
      draft.quantity,
      draft.due,
      order.customer ?? null,
      tasks.length,
    ),
  );
}

/** Asks for the first thing still missing; a due date already past is confirmed before anything is made. */
async function next(ctx: CommandContext, draft: OrderDraft, itemName?: string): Promise<void> {
  if (draft.item === undefined) return ctx.ask(NEW_ORDER, 'item', m.askItem, {});
  if (draft.quantity === undefined)
    return ctx.ask(NEW_ORDER, 'quantity', m.askOrderQuantity(itemName ?? draft.item), { ...draft });
  if (draft.due === undefined) {
    const split = dueAtEndOf(draft.customer, ctx);
    return split ? askSplit(ctx, draft, split) : ctx.ask(NEW_ORDER, 'due', m.askDueDate, { ...draft });
  }
  const today = factoryToday(ctx.clock.now(), ctx.tz);
  if (draft.due < today) return ctx.ask(NEW_ORDER, 'past', m.pastDueDate(draft.due, today), { ...draft });
  await create(ctx, { ...draft, customer: draft.customer ?? null } as Required<OrderDraft>);
}

/**
 * `客户 宏达 12-22`: a customer named by its keyword takes the rest of the line, so a due date
 * written after it reads as part of the name. Without a due date, a last word that reads as one
 * could be either: the planner is asked.
 */
function dueAtEndOf(customer: string | null | undefined, ctx: CommandContext): CustomerSplit | undefined {
  const words = customer?.split(/\s+/) ?? [];
  const last = words.pop();
  const due = last === undefined ? undefined : parseDueDate(last, ctx.clock.now(), ctx.tz);
  return customer && due ? { written: customer, customer: words.join(' ') || null, due } : undefined;
}

/** The customer as written, and as it reads without its last word (none: `客户 12-22`), the due date. */
interface CustomerSplit {
  written: string;
  customer: string | null;
  due: string;
}

function askSplit(ctx: CommandContext, draft: OrderDraft, split: CustomerSplit): Promise<void> {
  return ctx.ask(NEW_ORDER, 'customer_due', m.dueInCustomer(split), { ...draft });
}

/**
 * `新建工单` alone starts a short dialog; `新建工单 传动轴 300 12-08 [客户]` is one line, and so is
 * `新建工单 传动轴 300 交期 12-08 客户 宏达`. The item is its code or its name; a bad quantity or
 * date is refused as it is, without starting over.
 */
export const newWorkOrderCommand: Command = {
  name: NEW_ORDER,
  aliases: ['new'],
  roles: ['planner', 'supervisor'],
  help: '新建工单（可一次写全：物料编码或名称 数量 交期 [客户]）',
  args: [
    { name: 'item', label: '物料编码或名称', kind: 'word', optional: true },
    { name: 'quantity', label: '数量', kind: 'word', optional: true },
    { name: 'due', label: '交期', kind: 'word', optional: true, keywords: ['交期'], orPositional: true },
    { name: 'customer', label: '客户', kind: 'text', optional: true, keywords: ['客户'], orPositional: true },
  ],
  async run(ctx, args) {
    if (args.item === undefined) return next(ctx, {});
    const item = await itemNamed(ctx.em, String(args.item));
    const draft: OrderDraft = {
      item: item.code,
      customer: args.customer === undefined ? null : String(args.customer),
    };
    if (args.quantity !== undefined) draft.quantity = orderQuantityOf(String(args.quantity));
    if (args.due !== undefined) draft.due = dueDateOf(String(args.due), ctx.clock.now(), ctx.tz);
    await next(ctx, draft, item.name);
  },
  async resume(ctx, step, state, answer) {
    const draft = state as OrderDraft;
    const text = answer.trim();
    // A refused answer leaves the question open (the refusal rolls the turn back): it is simply answered again.
    if (step === 'item') {
      const item = await itemNamed(ctx.em, text);
      return next(ctx, { item: item.code }, item.name);
    }
    if (step === 'quantity') return next(ctx, { ...draft, quantity: orderQuantityOf(text) });
    if (step === 'due') return next(ctx, { ...draft, due: dueDateOf(text, ctx.clock.now(), ctx.tz) });
    if (step === 'customer_due') return splitCustomer(ctx, draft, text);
    const confirmed = readYesNo(text);
    if (confirmed === undefined)
      return ctx.ask(
        NEW_ORDER,
        step,
        m.pastDueDate(String(draft.due), factoryToday(ctx.clock.now(), ctx.tz)),
        state,
      );
    if (!confirmed) return ctx.reply(m.orderNotCreated);
    await create(ctx, { ...draft, customer: draft.customer ?? null } as Required<OrderDraft>);
  },
};

/** 是: the last word was the due date; 否: it belongs to the customer's name, and the due date is asked. */
async function splitCustomer(ctx: CommandContext, draft: OrderDraft, answer: string): Promise<void> {
  const split = dueAtEndOf(draft.customer, ctx);
  const meant = readYesNo(answer);
  if (!split || meant === false) return ctx.ask(NEW_ORDER, 'due', m.askDueDate, { ...draft });
  if (meant) return next(ctx, { ...draft, customer: split.customer, due: split.due });
  return askSplit(ctx, draft, split);
}

export const releaseCommand: Command = {
  name: '下达',
  aliases: ['release'],
  roles: ['planner', 'supervisor'],
  help: '把计划中的工单下达到车间',
  args: [{ name: 'order', label: '工单号', kind: 'word' }],
  async run(ctx, args) {
    const { order } = await loadOrder(ctx.em, String(args.order));
    await releaseWorkOrder(ctx.services, ctx.actor, order);
    ctx.reply(m.orderReleased(order.number));
  },
};
