import { shiftAt } from '../../shared/shifts.js';
import { WorkReport } from '../../workorders/work-report.entity.js';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { EventContext, EventSource, IncentiveEvent } from './incentive-event.js';

/** One event per 报工; a correction reversing an earlier report is not an achievement. */
export const workReportEvents: EventSource = {
  trigger: 'work_report',
  settleMs: 0,
  read(em, from, to, context) {
    return reportEvents(em, { reportedAt: { $gt: from, $lte: to } }, context);
  },
  readIds(em, ids, context) {
    return reportEvents(em, { id: { $in: ids } }, context);
  },
};

async function reportEvents(
  em: EntityManager,
  where: FilterQuery<WorkReport>,
  { config, tz }: EventContext,
): Promise<IncentiveEvent[]> {
  const reports = await em.find(
    WorkReport,
    { $and: [where, { reverses: null }] },
    { populate: ['task.workOrder.item'], orderBy: { reportedAt: 'asc', id: 'asc' } },
  );
  return reports.map((report): IncentiveEvent => {
    const shift = shiftAt(report.reportedAt, config.shifts, tz);
    const task = report.task;
    return {
      key: `work_report:${report.id}`,
      personId: report.person.id,
      occurredAt: report.reportedAt,
      fields: {
        good: report.good,
        scrap: report.scrap,
        quantity: report.good + report.scrap,
        minutes: report.minutes,
        ...(shift && {
          shift: shift.name,
          minutesBeforeShiftEnd: Math.floor((shift.end.getTime() - report.reportedAt.getTime()) / 60_000),
        }),
        channel: report.channel,
        operation: task.name,
        sequence: task.sequence,
        workOrder: task.workOrder.number,
        item: task.workOrder.item.code,
      },
    };
  });
}
