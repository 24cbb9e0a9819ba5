import type { EntityManager } from '@mikro-orm/core';
import type { EventContext, IncentiveEvent, PointTrigger } from '../../capabilities/point-trigger.js';
import type { ShiftConfig } from '../../config/factory-config.js';
import { shiftsStartingIn } from '../../shared/shifts.js';
import { dayjs } from '../../shared/time.js';
import { workOrderPointWords as w } from '../messages.js';
import { OperationTask } from '../operation-task.entity.js';
import { WorkReport } from '../work-report.entity.js';
import { operationFields, operationOf, pieceFields, piecesOf } from './operation-fields.js';

/**
 * One event per operation task marked done. It pays the assignee, or, for a task given to a
 * whole team, the person whose report finished it. Its planned end comes from the plan, not
 * from when the worker started: the end of the last shift on the work order's due day.
 * plannedMinutes (standard minutes × planned quantity, absent without a standard time) and
 * actualMinutes (开工 to finish) describe the effort.
 */
export const taskFinishedTrigger: PointTrigger = {
  name: 'task_finished',
  label: w.taskFinished,
  fields: {
    ...pieceFields,
    plannedMinutes: { type: 'number', label: w.fields.plannedMinutes },
    actualMinutes: { type: 'number', label: w.fields.actualMinutes },
    /** Planned end (the due day's last shift end) minus the finish; negative when late. */
    minutesBeforePlannedEnd: { type: 'number', label: w.fields.minutesBeforePlannedEnd },
    ...operationFields,
  },
  explain: w.taskPaid,
  settleMs: 0,
  read: taskEvents,
};

async function taskEvents(
  em: EntityManager,
  from: Date,
  to: Date,
  { config, tz }: EventContext,
): Promise<IncentiveEvent[]> {
  const tasks = await em.find(
    OperationTask,
    { finishedAt: { $gt: from, $lte: to }, status: 'done' },
    { populate: ['workOrder.item'], orderBy: { finishedAt: 'asc', id: 'asc' } },
  );
  const teamTasks = tasks.filter((t) => !t.assignee).map((t) => t.id);
  const finishers = new Map<number, string>();
  if (teamTasks.length > 0) {
    const reports = await em.find(
      WorkReport,
      { task: { $in: teamTasks } },
      { orderBy: { reportedAt: 'asc', id: 'asc' } },
    );
    for (const report of reports) finishers.set(report.task.id, report.person.id);
  }
  return tasks.flatMap((task): IncentiveEvent[] => {
    const personId = task.assignee?.id ?? finishers.get(task.id);
    if (!personId || !task.finishedAt) return [];
    const plannedMinutes = Math.round(task.standardMinutes * task.plannedQuantity);
    const actualMinutes = task.startedAt
      ? Math.round((task.finishedAt.getTime() - task.startedAt.getTime()) / 60_000)
      : undefined;
    const plannedEnd = plannedEndOf(task.workOrder.dueDate, config.shifts, tz);
    return [
      {
        key: `task_finished:${task.id}`,
        personId,
        occurredAt: task.finishedAt,
        fields: {
          ...piecesOf(task.goodTotal, task.scrapTotal),
          ...(actualMinutes !== undefined && { actualMinutes }),
          ...(plannedMinutes > 0 && { plannedMinutes }),
          minutesBeforePlannedEnd: Math.floor((plannedEnd.getTime() - task.finishedAt.getTime()) / 60_000),
          ...operationOf(task),
        },
      },
    ];
  });
}

/**
 * When the plan says the work is due: the end of the last shift that starts on the order's
 * due day (midnight when no shift does). Measured from the plan, not from when the worker
 * said 开工, so a report tapped right after 开工 does not count as "ahead of plan".
 */
function plannedEndOf(dueDate: string, shifts: readonly ShiftConfig[], tz: string): Date {
  const dayStart = dayjs.tz(dueDate, tz);
  const nextDay = dayStart.add(1, 'day').toDate();
  return shiftsStartingIn(dayStart.toDate(), nextDay, shifts, tz).at(-1)?.end ?? nextDay;
}
