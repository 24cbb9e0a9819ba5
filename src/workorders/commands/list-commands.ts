import type { FilterQuery } from '@mikro-orm/core';
import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { tokenize } from '../../chat/text/normalize.js';
import { RefusedError } from '../../shared/errors.js';
import { daysBetween } from '../../shared/production-day.js';
import { inZone } from '../../shared/time.js';
import { Item } from '../item.entity.js';
import { itemNamed } from '../item-lookup.js';
import { workOrderMessages as m } from '../messages.js';
import { ProductionException } from '../production-exception.entity.js';
import { factoryToday } from '../work-order-service.js';
import { WorkOrder, WORK_ORDER_STATUSES, type WorkOrderStatus } from '../work-order.entity.js';

const PAGE_SIZE = 10;
const OPEN: WorkOrderStatus[] = ['planned', 'released', 'in_progress'];
const filterArg = { name: 'filter', label: '筛选', kind: 'text', optional: true } as const;
/** Who plans and follows the floor's orders: the lists are theirs. */
const deskRoles = ['planner', 'supervisor', 'team_lead', 'manager'] as const;

/** The words after a list command, with a trailing page number taken off: `逾期 2` → 逾期, page 2. */
function pageOf(filter: unknown): { words: string[]; page: number } {
  const words = tokenize(typeof filter === 'string' ? filter : '');
  const last = words.at(-1);
  if (last === undefined || !/^\d{1,4}$/.test(last)) return { words, page: 1 };
  return { words: words.slice(0, -1), page: Math.max(1, Number(last)) };
}

/** One page of lines under a header, and how to ask for the next page. */
function replyPage(ctx: CommandContext, header: string, lines: string[], page: number, again: string) {
  const shown = lines.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const left = lines.length - page * PAGE_SIZE;
  ctx.reply(
    [header, ...shown, ...(left > 0 ? [m.nextPage(left, `${again} ${page + 1}`.trim())] : [])].join('\n'),
  );
}

/** 逾期, 今天到期, 物料 <编码或名称>, 状态 <状态>, or nothing: the orders still open. */
async function orderFilter(
  ctx: CommandContext,
  words: string[],
): Promise<{ where: FilterQuery<WorkOrder>; title: string }> {
  const today = factoryToday(ctx.clock.now(), ctx.tz);
  const [word, value, ...extra] = words;
  const open = { status: { $in: OPEN } };
  if (extra.length > 0) throw new RefusedError('bad_filter', m.badOrderFilter(words.join(' ')));
  if (word === undefined) return { where: open, title: m.openOrdersTitle };
  if (word === '逾期' && value === undefined)
    return { where: { ...open, dueDate: { $lt: today } }, title: m.overdueTitle };
  if (word === '今天到期' && value === undefined)
    return { where: { ...open, dueDate: today }, title: m.dueTodayTitle };
  if (word === '物料' && value !== undefined) {
    const item = await itemNamed(ctx.em, value);
    return { where: { ...open, item: item.code }, title: m.itemOrdersTitle(item.code, item.name) };
  }
  const status = WORK_ORDER_STATUSES.find((s) => m.statusNames[s] === value);
  if (word === '状态' && status) return { where: { status }, title: m.statusOrdersTitle(value ?? '') };
  throw new RefusedError('bad_filter', m.badOrderFilter(words.join(' ')));
}

export const orderListCommand: Command = {
  name: '工单列表',
  aliases: ['orders'],
  roles: [...deskRoles],
  help: '列出未完结的工单，可加：逾期、今天到期、物料 <编码>、状态 <状态>；末尾加页码看下一页',
  args: [filterArg],
  async run(ctx, args) {
    const { words, page } = pageOf(args.filter);
    const { where, title } = await orderFilter(ctx, words);
    const orders = await ctx.em.find(WorkOrder, where, {
      populate: ['item'],
      orderBy: { dueDate: 'asc', number: 'asc' },
    });
    if (orders.length === 0) return ctx.reply(m.noOrders(title));
    const today = factoryToday(ctx.clock.now(), ctx.tz);
    const lines = orders.map((o) =>
      m.orderLine(
        o.number,
        o.item.name,
        o.quantity,
        o.dueDate,
        m.statusNames[o.status] ?? o.status,
        OPEN.includes(o.status) ? daysBetween(o.dueDate, today) : undefined,
      ),
    );
    replyPage(ctx, m.orderListHeader(title, orders.length), lines, page, ['工单列表', ...words].join(' '));
  },
};

export const itemListCommand: Command = {
  name: '物料列表',
  aliases: ['items'],
  roles: [...deskRoles],
  help: '列出物料的编码、名称和单位（新建工单时用编码或名称都可以）',
  args: [{ name: 'page', label: '页码', kind: 'quantity', optional: true }],
  async run(ctx, args) {
    const page = typeof args.page === 'number' && Number.isInteger(args.page) ? Math.max(1, args.page) : 1;
    const items = await ctx.em.find(Item, {}, { orderBy: { code: 'asc' } });
    if (items.length === 0) return ctx.reply(m.noItems);
    const lines = items.map((i) => m.itemLine(i.code, i.name, i.unit));
    replyPage(ctx, m.itemListHeader(items.length), lines, page, '物料列表');
  },
};

export const exceptionListCommand: Command = {
  name: '异常列表',
  aliases: ['issues'],
  roles: ['team_lead', 'supervisor', 'qc', 'maintenance', 'planner', 'manager'],
  help: '列出异常（最新的在前），加「未关闭」只看还没关闭的',
  args: [filterArg],
  async run(ctx, args) {
    const { words, page } = pageOf(args.filter);
    const onlyOpen = words[0] === '未关闭';
    if (words.length > (onlyOpen ? 1 : 0))
      throw new RefusedError('bad_filter', m.badExceptionFilter(words.join(' ')));
    const exceptions = await ctx.em.find(ProductionException, onlyOpen ? { status: { $ne: 'closed' } } : {}, {
      populate: ['workOrder', 'raisedBy'],
      orderBy: { raisedAt: 'desc', id: 'desc' },
    });
    if (exceptions.length === 0) return ctx.reply(onlyOpen ? m.noOpenExceptions : m.noExceptions);
    const lines = exceptions.map((e) =>
      m.exceptionLine({
        id: e.id,
        kind: m.exceptionKindNames[e.kind] ?? e.kind,
        order: e.workOrder?.number ?? '—',
        status: m.exceptionStatusNames[e.status] ?? e.status,
        reason: e.reason,
        who: e.raisedBy.name,
        at: inZone(e.raisedAt, ctx.tz).format('MM-DD HH:mm'),
        note: e.closeNote ?? null,
      }),
    );
    const header = m.exceptionListHeader(onlyOpen, exceptions.length);
    replyPage(ctx, header, lines, page, ['异常列表', ...words].join(' '));
  },
};
