import type { EntityManager } from '@mikro-orm/core';
import type { ShiftInterval } from '../shared/shifts.js';
import { OperationTask } from './operation-task.entity.js';
import { WorkReport } from './work-report.entity.js';

/** The chat channels: a report through one of them was made "through the bot". */
const BOT_CHANNELS: ReadonlySet<string> = new Set(['console', 'wecom-app', 'wecom-bot', 'dingtalk']);

/**
 * One operation one person worked in one shift. Work is seen where it leaves a trace: a report
 * in the shift, or the task's start (开工) in it. It belongs to the task's assignee, or to
 * whoever reported it when the task went to a whole team. A task started in one shift and
 * first reported in the next is a miss in the first shift — that is what the rate measures.
 */
export interface WorkedOperation {
  personId: string;
  taskId: number;
  /** The operation's team (null: none). */
  teamId: string | null;
  shift: ShiftInterval;
  /** Reported through the bot before the shift ended. */
  reported: boolean;
  reports: number;
  good: number;
  scrap: number;
}

/** Every operation worked in these shifts (in order, not overlapping), and whether it was reported. */
export async function workedOperations(
  em: EntityManager,
  shifts: ShiftInterval[],
): Promise<WorkedOperation[]> {
  const first = shifts[0];
  const last = shifts[shifts.length - 1];
  if (!first || !last) return [];
  const span = { $gte: first.start, $lt: last.end };
  const reports = await em.find(
    WorkReport,
    { reportedAt: span, reverses: null },
    { populate: ['task'], orderBy: { reportedAt: 'asc', id: 'asc' } },
  );
  const started = await em.find(OperationTask, { startedAt: span, assignee: { $ne: null } });
  const locate = (at: Date) => shifts.find((s) => s.start <= at && at < s.end);
  const units = new Map<string, WorkedOperation>();
  const unitOf = (personId: string, task: OperationTask, shift: ShiftInterval) => {
    const key = `${personId}|${task.id}|${shift.start.getTime()}`;
    const unit = units.get(key) ?? {
      personId,
      taskId: task.id,
      teamId: task.team?.id ?? null,
      shift,
      reported: false,
      reports: 0,
      good: 0,
      scrap: 0,
    };
    units.set(key, unit);
    return unit;
  };
  for (const report of reports) {
    const shift = locate(report.reportedAt);
    if (!shift) continue;
    const unit = unitOf(report.task.assignee?.id ?? report.person.id, report.task, shift);
    unit.reports += 1;
    unit.good += report.good;
    unit.scrap += report.scrap;
    if (BOT_CHANNELS.has(report.channel)) unit.reported = true;
  }
  for (const task of started) {
    const shift = task.startedAt ? locate(task.startedAt) : undefined;
    if (shift && task.assignee) unitOf(task.assignee.id, task, shift);
  }
  return [...units.values()];
}
