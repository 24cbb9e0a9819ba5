import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { goodArg, parseArgs, readOperation, readYesNo, scrapArg } from '../../chat/commands/arguments.js';
import { chatMessages } from '../../chat/messages.js';
import { tokenize } from '../../chat/text/normalize.js';
import { parseQuantity } from '../../chat/text/chinese-number.js';
import { RefusedError } from '../../shared/errors.js';
import { workOrderMessages as m } from '../messages.js';
import type { OperationTask } from '../operation-task.entity.js';
import { availableFor, remainingFor } from '../progress.js';
import { reportLabel } from '../correction-service.js';
import { reportTask, startTask } from '../reporting-service.js';
import {
  loadOrder,
  loadTask,
  orderExists,
  operationLabel,
  pickTask,
  previousOf,
  tasksOfPerson,
  WhichOperationError,
  type OrderWithTasks,
} from '../task-lookup.js';
import { taskCardSpec, taskSubject } from '../task-view.js';

const order = { name: 'order', label: '工单号', kind: 'word' } as const;
// The label shows the marker in usage lines: a bare number is a quantity, never an operation.
const operation = { name: 'operation', label: '工序，如 工序10', kind: 'operation', optional: true } as const;
const quantityArgs = [goodArg, scrapArg];

export const startCommand: Command = {
  name: '开工',
  aliases: ['start'],
  roles: ['worker', 'team_lead', 'supervisor'],
  help: '开始一道工序，时间自动记录',
  args: [order, operation],
  async run(ctx, args) {
    const loaded = await loadOrder(ctx.em, String(args.order));
    const task = await taskOrAsk(ctx, '开工', loaded, args.operation as string | undefined, {});
    if (task) await start(ctx, loaded, task);
  },
  async resume(ctx, _step, state, answer) {
    const loaded = await loadOrder(ctx.em, String(state.order));
    const task = await answeredTask(ctx, '开工', loaded, state, answer);
    if (task) await start(ctx, loaded, task);
  },
};

/**
 * Starts and answers with the card, whose 完工 button is the next thing to tap. The card's own
 * 开工 button needs no new card: the tapped card is redrawn where it is.
 */
async function start(ctx: CommandContext, loaded: OrderWithTasks, task: OperationTask): Promise<void> {
  await startTask(ctx.services, ctx.actor, loaded, task);
  ctx.reply(m.started(loaded.order.number, task.name, task.equipment?.code));
  ctx.reply(ctx.card('task', taskSubject(task), taskCardSpec(loaded, task)));
}

/**
 * The operation named, or the person's one open operation; with several, asks which and
 * returns undefined. A quantity already given travels with the question, unless it could be
 * an operation number too (`完工 WO-7 20` when 20 is one of them): then it is asked again.
 */
async function taskOrAsk(
  ctx: CommandContext,
  command: '开工' | '完工',
  loaded: OrderWithTasks,
  operation: string | undefined,
  quantities: { good?: number; scrap?: number },
): Promise<OperationTask | undefined> {
  try {
    return pickTask(loaded, ctx.person, operation);
  } catch (error) {
    if (!(error instanceof WhichOperationError)) throw error;
    await askOperation(ctx, command, loaded, error.choices, quantities);
    return undefined;
  }
}

async function askOperation(
  ctx: CommandContext,
  command: '开工' | '完工',
  loaded: OrderWithTasks,
  choices: OperationTask[],
  quantities: { good?: number; scrap?: number },
  prefix = '',
): Promise<void> {
  const number = loaded.order.number;
  const { good } = quantities;
  const either = good !== undefined && choices.some((t) => t.sequence === good);
  const kept = either ? {} : quantities;
  const example = `${command} ${number} 工序${choices[0]?.sequence ?? ''}${command === '完工' ? ` ${kept.good ?? '<合格数>'}` : ''}`;
  const question = m.whichOperation(number, choices.map(operationLabel), example, kept.good);
  await ctx.ask(command, 'operation', `${prefix}${either ? m.numberCouldBeEither(good) : ''}${question}`, {
    order: number,
    choices: choices.map((t) => t.id),
    ...kept,
  });
}

/** The answer to "which operation": `20`, `工序20`, `#20` or `车削`; anything else is asked again. */
async function answeredTask(
  ctx: CommandContext,
  command: '开工' | '完工',
  loaded: OrderWithTasks,
  state: Record<string, unknown>,
  answer: string,
): Promise<OperationTask | undefined> {
  const text = answer.trim();
  const wanted = /^\d+$/.test(text) ? text : readOperation(text);
  const ids = state.choices as number[];
  const choices = loaded.tasks.filter((t) => ids.includes(t.id));
  const task = choices.find((t) => String(t.sequence) === wanted || t.name === wanted);
  if (task) return task;
  const quantities = { good: state.good as number | undefined, scrap: state.scrap as number | undefined };
  await askOperation(ctx, command, loaded, choices, quantities, m.notAChoice(text));
  return undefined;
}

/** Reports and replies; shared by the command, the dialog answer and the card's one tap. */
export async function finish(
  ctx: CommandContext,
  loaded: OrderWithTasks,
  task: OperationTask,
  good: number,
  scrap: number,
) {
  const outcome = await reportTask(ctx.services, ctx.actor, loaded, task, good, scrap);
  await ctx.em.flush(); // the report's number is its id
  const { report } = outcome;
  ctx.reply(
    m.reported(
      reportLabel(report.id),
      loaded.order.number,
      task.name,
      report.good,
      report.scrap,
      outcome.remaining,
    ),
  );
  if (outcome.orderCompleted) ctx.reply(m.orderCompleted(loaded.order.number));
}

export function remainingOf(loaded: OrderWithTasks, task: OperationTask): number {
  return remainingFor(task, availableFor(task, previousOf(loaded.tasks, task), loaded.order.quantity));
}

/**
 * `prefix` says what was wrong with the answer before, when the question is asked again. Scrap
 * already written (`完工 WO-7 报废 2`) is kept for the answer, and the question says so.
 */
export async function askQuantity(
  ctx: CommandContext,
  loaded: OrderWithTasks,
  task: OperationTask,
  { prefix = '', scrap }: { prefix?: string; scrap?: number | undefined } = {},
): Promise<void> {
  const remaining = remainingOf(loaded, task);
  const question =
    scrap === undefined
      ? m.askQuantity(loaded.order.number, task.name, remaining)
      : m.askGoodAfterScrap(loaded.order.number, task.name, remaining, scrap);
  await ctx.ask('完工', 'quantity', `${prefix}${question}`, {
    taskId: task.id,
    ...(scrap !== undefined && { scrap }),
  });
}

export const finishCommand: Command = {
  name: '完工',
  aliases: ['done', '报工', 'report'],
  roles: ['worker', 'team_lead', 'supervisor'],
  help: '报告合格数和报废数（多道工序时写「工序10」）；不写数量时会问您',
  args: [order, operation, { ...goodArg, optional: true }, scrapArg],
  async run(ctx, args) {
    const quantities = {
      ...(typeof args.good === 'number' && { good: args.good }),
      ...(typeof args.scrap === 'number' && { scrap: args.scrap }),
    };
    const written = String(args.order);
    const pieces =
      args.good === undefined && args.operation === undefined ? parseQuantity(written) : undefined;
    if (pieces !== undefined && !(await orderExists(ctx.em, written)))
      return askWhichOrder(ctx, written, pieces, quantities.scrap ?? 0);
    const loaded = await loadOrder(ctx.em, written);
    const task = await taskOrAsk(ctx, '完工', loaded, args.operation as string | undefined, quantities);
    if (task) await finishOrAsk(ctx, loaded, task, quantities);
  },
  async resume(ctx, step, state, answer) {
    if (step === 'operation') {
      const loaded = await loadOrder(ctx.em, String(state.order));
      const task = await answeredTask(ctx, '完工', loaded, state, answer);
      const quantities = { good: state.good as number | undefined, scrap: state.scrap as number | undefined };
      if (task) await finishOrAsk(ctx, loaded, task, quantities);
      return;
    }
    if (step === 'which_order') return confirmGuessedOrder(ctx, state, answer);
    const loaded = await loadTask(ctx.em, Number(state.taskId));
    const written = typeof state.scrap === 'number' ? state.scrap : undefined;
    const confirmed = readYesNo(answer) === true;
    const parsed = confirmed ? undefined : parseArgs(tokenize(answer), quantityArgs);
    if (parsed && !parsed.ok)
      return askQuantity(ctx, loaded, loaded.task, {
        prefix: chatMessages.badAnswer(parsed.problem),
        scrap: written,
      });
    // Scrap in the answer is the latest word on it; otherwise the scrap written with 完工 stands.
    const scrap = parsed?.ok && typeof parsed.args.scrap === 'number' ? parsed.args.scrap : (written ?? 0);
    const good = parsed?.ok
      ? Number(parsed.args.good)
      : Math.max(0, remainingOf(loaded, loaded.task) - scrap);
    await finish(ctx, loaded, loaded.task, good, scrap);
  },
};

/**
 * `完工 5`: a count without its order. With exactly one operation in progress (or, with none
 * started, exactly one dispatched) the person is asked whether it is that one (never reported
 * unasked); otherwise told to name the order, with theirs listed.
 */
async function askWhichOrder(
  ctx: CommandContext,
  written: string,
  good: number,
  scrap: number,
): Promise<void> {
  // What is running comes first; with nothing started, a report may start a dispatched task.
  const running = await tasksOfPerson(ctx.em, ctx.person, ['in_progress']);
  const inProgress = running.length > 0 ? running : await tasksOfPerson(ctx.em, ctx.person, ['dispatched']);
  const [only] = inProgress;
  if (inProgress.length === 1 && only) {
    const question = m.reportOnThat(only.workOrder.number, only.name, good, scrap);
    return ctx.ask('完工', 'which_order', question, { taskId: only.id, good, scrap });
  }
  throw new RefusedError(
    'quantity_without_order',
    m.quantityWithoutOrder(
      written,
      inProgress.map((t) => ({ number: t.workOrder.number, op: t.name })),
    ),
  );
}

async function confirmGuessedOrder(
  ctx: CommandContext,
  state: Record<string, unknown>,
  answer: string,
): Promise<void> {
  const yes = readYesNo(answer);
  if (yes === false) return ctx.reply(m.notReported);
  const loaded = await loadTask(ctx.em, Number(state.taskId));
  if (yes === undefined) {
    const question = m.reportOnThat(
      loaded.order.number,
      loaded.task.name,
      Number(state.good),
      Number(state.scrap),
    );
    return ctx.ask('完工', 'which_order', `${m.reportOnThatAgain}${question}`, state);
  }
  await finish(ctx, loaded, loaded.task, Number(state.good), Number(state.scrap));
}

async function finishOrAsk(
  ctx: CommandContext,
  loaded: OrderWithTasks,
  task: OperationTask,
  { good, scrap }: { good?: number | undefined; scrap?: number | undefined },
): Promise<void> {
  if (good === undefined) return askQuantity(ctx, loaded, task, { scrap });
  await finish(ctx, loaded, task, good, scrap ?? 0);
}
