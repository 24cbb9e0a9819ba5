import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { parseArgs } from '../../chat/commands/arguments.js';
import { tokenize } from '../../chat/text/normalize.js';
import { workOrderMessages as m } from '../messages.js';
import type { OperationTask } from '../operation-task.entity.js';
import { availableFor, remainingFor } from '../progress.js';
import { reportTask, startTask } from '../reporting-service.js';
import { loadOrder, loadTask, pickTask, previousOf, type OrderWithTasks } from '../task-lookup.js';
import { taskCardSpec, taskSubject } from '../task-view.js';
import { depsOf } from './deps.js';

const order = { name: 'order', label: '工单号', kind: 'word' } as const;
const operation = { name: 'operation', label: '工序', kind: 'word', optional: true } as const;
const scrapArg = {
  name: 'scrap',
  label: '报废数',
  kind: 'quantity',
  optional: true,
  keywords: ['报废', 'scrap', '废'],
} as const;
const quantityArgs = [{ name: 'good', label: '合格数', kind: 'quantity' } as const, scrapArg];

export const startCommand: Command = {
  name: '开工',
  aliases: ['start'],
  roles: ['worker', 'team_lead', 'supervisor'],
  help: '开始一道工序，时间自动记录',
  args: [order, operation],
  async run(ctx, args) {
    const loaded = await loadOrder(ctx.em, String(args.order));
    const task = pickTask(loaded, ctx.person, args.operation as string | undefined);
    await start(ctx, loaded, task);
  },
};

/**
 * Starts and answers with the card, whose 完工 button is the next thing to tap. The card's own
 * 开工 button needs no new card: the tapped card is redrawn where it is.
 */
async function start(ctx: CommandContext, loaded: OrderWithTasks, task: OperationTask) {
  await startTask(depsOf(ctx), ctx.actor, loaded, task);
  ctx.reply(m.started(loaded.order.number, task.name, task.equipment?.code));
  ctx.reply(ctx.card('task', taskSubject(task), taskCardSpec(loaded, task)));
}

/** Reports and replies; shared by the command, the dialog answer and the card's one tap. */
export async function finish(
  ctx: CommandContext,
  loaded: OrderWithTasks,
  task: OperationTask,
  good: number,
  scrap: number,
) {
  const outcome = await reportTask(depsOf(ctx), ctx.actor, loaded, task, good, scrap);
  ctx.reply(m.reported(loaded.order.number, task.name, good, scrap, outcome.remaining));
  if (outcome.orderCompleted) ctx.reply(m.orderCompleted(loaded.order.number));
}

export function remainingOf(loaded: OrderWithTasks, task: OperationTask): number {
  return remainingFor(task, availableFor(task, previousOf(loaded.tasks, task), loaded.order.quantity));
}

export async function askQuantity(
  ctx: CommandContext,
  loaded: OrderWithTasks,
  task: OperationTask,
): Promise<void> {
  const remaining = remainingOf(loaded, task);
  await ctx.ask('完工', 'quantity', m.askQuantity(loaded.order.number, task.name, remaining), {
    taskId: task.id,
  });
}

export const finishCommand: Command = {
  name: '完工',
  aliases: ['done', '报工', 'report'],
  roles: ['worker', 'team_lead', 'supervisor'],
  help: '报告合格数和报废数；不写数量时会问您',
  args: [order, operation, { name: 'good', label: '合格数', kind: 'quantity', optional: true }, scrapArg],
  async run(ctx, args) {
    const loaded = await loadOrder(ctx.em, String(args.order));
    const task = pickTask(loaded, ctx.person, args.operation as string | undefined);
    if (typeof args.good !== 'number') return askQuantity(ctx, loaded, task);
    await finish(ctx, loaded, task, args.good, typeof args.scrap === 'number' ? args.scrap : 0);
  },
  async resume(ctx, _step, state, answer) {
    const loaded = await loadTask(ctx.em, Number(state.taskId));
    const confirmed = /^(好|是|对|确认|ok|y|yes)$/i.test(answer.trim());
    const parsed = confirmed ? undefined : parseArgs(tokenize(answer), quantityArgs);
    if (parsed && !parsed.ok) return askQuantity(ctx, loaded, loaded.task);
    const good = parsed?.ok ? Number(parsed.args.good) : remainingOf(loaded, loaded.task);
    const scrap = parsed?.ok && typeof parsed.args.scrap === 'number' ? parsed.args.scrap : 0;
    await finish(ctx, loaded, loaded.task, good, scrap);
  },
};
