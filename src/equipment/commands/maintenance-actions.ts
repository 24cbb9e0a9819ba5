import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { RefusedError } from '../../shared/errors.js';
import { depsOf } from '../../workorders/commands/deps.js';
import type { MaintenanceTask } from '../maintenance/maintenance-task.entity.js';
import {
  acceptTask,
  assertMayMaintain,
  completeTask,
  postponeTask,
  taskForChange,
} from '../maintenance/task-service.js';
import { shortTime } from '../maintenance/task-view.js';
import { equipmentMessages as m } from '../messages.js';
import { refNumber } from './refs.js';

const maintainers = ['maintenance', 'team_lead', 'supervisor', 'worker'] as const;
const taskRef = { name: 'task', label: '保养单号', kind: 'word' } as const;

export async function taskOf(ctx: CommandContext, ref: string): Promise<MaintenanceTask> {
  const id = refNumber(ref, 'M');
  if (id === undefined) throw new RefusedError('maintenance_unknown', m.taskUnknown(ref));
  return taskForChange(ctx.em, id, ref);
}

export async function accept(ctx: CommandContext, task: MaintenanceTask): Promise<void> {
  await acceptTask(depsOf(ctx), ctx.actor, task);
  ctx.reply(m.taskAccepted(task.id, task.equipment.code, task.plan.name));
}

/** 完成: with a checklist, asks which items were done; without one, done at once. */
export async function askDone(ctx: CommandContext, task: MaintenanceTask): Promise<void> {
  assertMayMaintain(ctx.actor, task);
  if (task.plan.checklist.length === 0) return done(ctx, task, [], null);
  await ctx.ask(completeMaintenanceCommand.name, 'checklist', m.askChecklistDone(task.plan.checklist), {
    taskId: task.id,
  });
}

async function done(ctx: CommandContext, task: MaintenanceTask, checked: string[], note: string | null) {
  await completeTask(depsOf(ctx), ctx.actor, task, checked, note);
  const missing = task.plan.checklist.filter((item) => !checked.includes(item));
  ctx.reply(m.taskDone(task.id, task.equipment.code, task.plan.name, missing));
}

/** 「全部」, or the numbers of the items done followed by a note on the rest. */
export function readChecklistAnswer(
  answer: string,
  items: string[],
): { checked: string[]; note: string | null } | undefined {
  const text = answer.trim();
  if (/^(全部|都做了|全做了|好|是|ok|all)$/i.test(text)) return { checked: [...items], note: null };
  const match = /^([\d\s,，、]+)(.*)$/s.exec(text);
  if (!match) return undefined;
  const numbers = (match[1] ?? '')
    .split(/[\s,，、]+/)
    .filter(Boolean)
    .map(Number);
  if (numbers.length === 0 || numbers.some((n) => !Number.isInteger(n) || n < 1 || n > items.length))
    return undefined;
  const checked = items.filter((_, i) => numbers.includes(i + 1));
  const note = (match[2] ?? '').trim();
  return { checked, note: note === '' ? null : note };
}

export const completeMaintenanceCommand: Command = {
  name: '完成保养',
  aliases: ['maintenance-done'],
  roles: [...maintainers],
  help: '保养做完后确认清单，计划重新计时',
  args: [taskRef],
  async run(ctx, args) {
    await askDone(ctx, await taskOf(ctx, String(args.task)));
  },
  async resume(ctx, _step, state, answer) {
    const task = await taskForChange(ctx.em, Number(state.taskId), `M${String(state.taskId)}`);
    const read = readChecklistAnswer(answer, task.plan.checklist);
    if (!read) {
      return ctx.ask(this.name, 'checklist', m.badChecklistAnswer(task.plan.checklist.length), state);
    }
    await done(ctx, task, read.checked, read.note);
  },
};

export async function askPostpone(ctx: CommandContext, task: MaintenanceTask): Promise<void> {
  assertMayMaintain(ctx.actor, task);
  await ctx.ask(
    postponeMaintenanceCommand.name,
    'reason',
    m.askPostpone(ctx.config.maintenance.maxPostponeDays),
    {
      taskId: task.id,
    },
  );
}

/** 「2 等滤网到货」→ 2 days, the reason. */
export function readPostpone(answer: string, maxDays: number): { days: number; reason: string } | undefined {
  const match = /^(\d{1,3})\s*天?\s*(.+)$/s.exec(answer.trim());
  const days = Number(match?.[1]);
  const reason = match?.[2]?.trim() ?? '';
  if (!match || days < 1 || days > maxDays || reason === '') return undefined;
  return { days, reason: reason.slice(0, 200) };
}

async function postpone(
  ctx: CommandContext,
  task: MaintenanceTask,
  answer: string,
  state: Record<string, unknown>,
) {
  const max = ctx.config.maintenance.maxPostponeDays;
  const read = readPostpone(answer, max);
  if (!read) return ctx.ask(postponeMaintenanceCommand.name, 'reason', m.badPostpone(max), state);
  const until = await postponeTask(depsOf(ctx), ctx.actor, task, read.days, read.reason);
  ctx.reply(m.postponed(task.id, shortTime(until, ctx.tz)));
}

export const postponeMaintenanceCommand: Command = {
  name: '延期保养',
  aliases: ['postpone'],
  roles: [...maintainers],
  help: '保养不能按期做时延期，写明天数和原因，车间主任会收到通知',
  args: [taskRef, { name: 'rest', label: '天数 原因', kind: 'text', optional: true }],
  async run(ctx, args) {
    const task = await taskOf(ctx, String(args.task));
    if (args.rest === undefined) return askPostpone(ctx, task);
    assertMayMaintain(ctx.actor, task);
    await postpone(ctx, task, String(args.rest), { taskId: task.id });
  },
  async resume(ctx, _step, state, answer) {
    const task = await taskForChange(ctx.em, Number(state.taskId), `M${String(state.taskId)}`);
    await postpone(ctx, task, answer, state);
  },
};
