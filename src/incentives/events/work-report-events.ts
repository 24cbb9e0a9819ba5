import { shiftAt } from '../../shared/shifts.js';
import { WorkReport } from '../../workorders/work-report.entity.js';
import type { EventSource, IncentiveEvent } from './incentive-event.js';

/**
 * One event per 报工; a correction reversing an earlier report is not an achievement, and a
 * report already reversed when it is first read earns nothing.
 */
export const workReportEvents: EventSource = {
  trigger: 'work_report',
  settleMs: 0,
  async read(em, from, to, { config, tz }) {
    const reports = await em.find(
      WorkReport,
      { reportedAt: { $gt: from, $lte: to }, reverses: null },
      { populate: ['task.workOrder.item'], orderBy: { reportedAt: 'asc', id: 'asc' } },
    );
    const reversed = new Set(
      (
        await em.find(WorkReport, { reverses: { $in: reports.map((r) => r.id) } }, { fields: ['reverses'] })
      ).map((r) => r.reverses?.id),
    );
    return reports
      .filter((r) => !reversed.has(r.id))
      .map((report): IncentiveEvent => {
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
  },
};
