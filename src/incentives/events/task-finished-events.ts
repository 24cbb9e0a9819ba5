import { OperationTask } from '../../workorders/operation-task.entity.js';
import { WorkReport } from '../../workorders/work-report.entity.js';
import type { EventSource, IncentiveEvent } from './incentive-event.js';

/**
 * One event per operation task marked done. It pays the assignee, or, for a task given to a
 * whole team, the person whose report finished it.
 */
export const taskFinishedEvents: EventSource = {
  trigger: 'task_finished',
  settleMs: 0,
  async read(em, from, to) {
    const tasks = await em.find(
      OperationTask,
      { status: 'done', finishedAt: { $gt: from, $lte: to } },
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
      const planned = plannedMinutes > 0 && actualMinutes !== undefined;
      return [
        {
          key: `task_finished:${task.id}`,
          personId,
          occurredAt: task.finishedAt,
          fields: {
            good: task.goodTotal,
            scrap: task.scrapTotal,
            quantity: task.goodTotal + task.scrapTotal,
            ...(actualMinutes !== undefined && { actualMinutes }),
            ...(planned && { plannedMinutes, minutesBeforePlannedEnd: plannedMinutes - actualMinutes }),
            operation: task.name,
            sequence: task.sequence,
            workOrder: task.workOrder.number,
            item: task.workOrder.item.code,
          },
        },
      ];
    });
  },
};
