import { workOrderCard } from '../../../cards/work-order-card.js';
import type { Command } from '../../chat/commands/command.js';
import { workOrderMessages as m } from '../messages.js';
import { OperationTask } from '../operation-task.entity.js';
import { loadOrder } from '../task-lookup.js';
import { taskCardSpec, taskSubject } from '../task-view.js';

const MAX_TASK_CARDS = 5;

export const myTasksCommand: Command = {
  name: '我的任务',
  aliases: ['tasks', '任务'],
  roles: ['worker', 'team_lead'],
  help: '查看分给您或您班组的任务卡片',
  args: [],
  async run(ctx) {
    const mine = await ctx.em.find(
      OperationTask,
      {
        status: { $in: ['dispatched', 'in_progress'] },
        $or: [
          { assignee: ctx.person.id },
          ...(ctx.person.teamId ? [{ assignee: null, team: ctx.person.teamId }] : []),
        ],
      },
      {
        populate: ['workOrder'],
        orderBy: { workOrder: { dueDate: 'asc', priority: 'asc' }, sequence: 'asc' },
      },
    );
    if (mine.length === 0) return ctx.reply(m.noTasks);
    for (const task of mine.slice(0, MAX_TASK_CARDS)) {
      const loaded = await loadOrder(ctx.em, task.workOrder.number);
      const current = loaded.tasks.find((t) => t.id === task.id) ?? task;
      ctx.reply(ctx.card('task', taskSubject(current), taskCardSpec(loaded, current)));
    }
    if (mine.length > MAX_TASK_CARDS) ctx.reply(m.moreTasks(mine.length - MAX_TASK_CARDS));
  },
};

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
