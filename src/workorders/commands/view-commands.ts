import { workOrderCard } from '../../../cards/work-order-card.js';
import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { workOrderMessages as m } from '../messages.js';
import { loadOrder, tasksOfPerson } from '../task-lookup.js';
import { taskCardSpec, taskSubject } from '../task-view.js';
import { remainingOf } from './task-commands.js';

/** One screen of task cards; the rest come a page at a time on 下一页. */
const TASK_CARDS_PER_PAGE = 5;
const NEXT_PAGE = /^(下一页|更多|next|more)$/i;

export const myTasksCommand: Command = {
  name: '我的任务',
  aliases: ['tasks', '任务'],
  roles: ['worker', 'team_lead'],
  help: '查看分给您或您班组的任务卡片，能开工或报工的在前',
  args: [],
  async run(ctx) {
    await showTasks(ctx, 0);
  },
  async resume(ctx, _step, state, answer) {
    if (!NEXT_PAGE.test(answer.trim())) return ctx.reply(m.nextPageHint);
    await showTasks(ctx, Number(state.page));
  },
};

/** Shows page `page` (from 0) of the person's tasks and, when more follow, waits for 下一页. */
async function showTasks(ctx: CommandContext, page: number): Promise<void> {
  const mine = await tasksOfPerson(ctx.em, ctx.person, ['dispatched', 'in_progress']);
  if (mine.length === 0) return ctx.reply(m.noTasks);
  const cards = [];
  for (const task of mine) {
    const loaded = await loadOrder(ctx.em, task.workOrder.number);
    const current = loaded.tasks.find((t) => t.id === task.id) ?? task;
    cards.push({ workable: remainingOf(loaded, current) > 0, loaded, current });
  }
  // Stable: within each group the earliest due date still comes first.
  const ordered = [...cards.filter((c) => c.workable), ...cards.filter((c) => !c.workable)];
  const shown = ordered.slice(page * TASK_CARDS_PER_PAGE, (page + 1) * TASK_CARDS_PER_PAGE);
  for (const { loaded, current } of shown)
    ctx.reply(ctx.card('task', taskSubject(current), taskCardSpec(loaded, current)));
  const left = ordered.length - (page + 1) * TASK_CARDS_PER_PAGE;
  if (left > 0) await ctx.ask('我的任务', 'page', m.moreTasks(left), { page: page + 1 });
}

export const workOrderCommand: Command = {
  name: '工单',
  aliases: ['wo', 'order'],
  roles: 'staff',
  help: '查看工单进度卡片',
  args: [{ name: 'order', label: '工单号', kind: 'word' }],
  async run(ctx, args) {
    const { order, tasks } = await loadOrder(ctx.em, String(args.order));
    const spec = workOrderCard({
      number: order.number,
      itemName: order.item.name,
      quantity: order.quantity,
      customer: order.customer ?? null,
      dueDate: order.dueDate,
      statusName: m.statusNames[order.status] ?? order.status,
      operations: tasks.map((t) => ({
        sequence: t.sequence,
        name: t.name,
        statusName: m.taskStatusNames[t.status] ?? t.status,
        good: t.goodTotal,
        scrap: t.scrapTotal,
      })),
    });
    ctx.reply(ctx.card('work_order', { type: 'work_order', id: order.number, version: order.status }, spec));
  },
};
