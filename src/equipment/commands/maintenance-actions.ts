import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { parseQuantity } from '../../chat/text/chinese-number.js';
import { normalizeText } from '../../chat/text/normalize.js';
import { RefusedError } from '../../shared/errors.js';
import type { MaintenanceTask } from '../maintenance/maintenance-task.entity.js';
import {
  acceptTask,
  assertMayMaintain,
  completeTask,
  postponeTask,
  taskForChange,
} from '../maintenance/task-service.js';
import { deadlineTime } from '../maintenance/task-view.js';
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
  await acceptTask(ctx.services, ctx.actor, task);
  ctx.reply(m.taskAccepted(task.id, task.equipment.code, task.plan.name));
}

/** 完成: with a checklist, asks which items were done; without one, done at once. */
export async function askDone(ctx: CommandContext, task: MaintenanceTask): Promise<void> {
  assertMayMaintain(ctx.actor, task);
  if (task.plan.checklist.length === 0) return done(ctx, task, [], null);
  await ctx.ask(
    completeMaintenanceCommand.name,
    'checklist',
    m.askChecklistDone(task.plan.checklist, task.plan.requiredItems ?? []),
    {
      taskId: task.id,
    },
  );
}

async function done(ctx: CommandContext, task: MaintenanceTask, checked: string[], note: string | null) {
  await completeTask(ctx.services, ctx.actor, task, checked, note);
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

/**
 * 「2 等滤网到货」, 「三天 等滤网」 or 「２天\n等滤网」 → 2 days, the reason; the days alone
 * (「3天」) leave the reason to the next question. Undefined when the days are missing or out of range.
 */
export function readPostpone(
  answer: string,
  maxDays: number,
): { days: number; reason: string | null } | undefined {
  const match = /^([\d零〇一二两三四五六七八九十百]+)\s*天?\s*(.*)$/s.exec(normalizeText(answer));
  const days = parseQuantity(match?.[1] ?? '');
  if (days === undefined || !Number.isInteger(days) || days < 1 || days > maxDays) return undefined;
  const reason = (match?.[2] ?? '').trim();
  return { days, reason: reason === '' ? null : reason.slice(0, 200) };
}

async function postpone(ctx: CommandContext, task: MaintenanceTask, days: number, reason: string) {
  const until = await postponeTask(ctx.services, ctx.actor, task, days, reason);
  ctx.reply(m.postponed(task.id, deadlineTime(until, ctx.tz)));
}

/** Days and reason in one answer, or the days now and the reason asked for next. */
async function answerPostpone(ctx: CommandContext, task: MaintenanceTask, answer: string) {
  const max = ctx.config.maintenance.maxPostponeDays;
  const read = readPostpone(answer, max);
  const name = postponeMaintenanceCommand.name;
  if (!read) return ctx.ask(name, 'reason', m.badPostpone(max), { taskId: task.id });
  if (read.reason === null)
    return ctx.ask(name, 'why', m.askPostponeReason(read.days), { taskId: task.id, days: read.days });
  await postpone(ctx, task, read.days, read.reason);
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
    await answerPostpone(ctx, task, String(args.rest));
  },
  async resume(ctx, step, state, answer) {
    const task = await taskForChange(ctx.em, Number(state.taskId), `M${String(state.taskId)}`);
    if (step !== 'why') return answerPostpone(ctx, task, answer);
    const reason = answer.trim().slice(0, 200);
    if (reason === '') return ctx.ask(this.name, step, m.askPostponeReason(Number(state.days)), state);
    await postpone(ctx, task, Number(state.days), reason);
  },
};
