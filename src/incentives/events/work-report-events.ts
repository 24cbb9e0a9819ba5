import { shiftAt } from '../../shared/shifts.js';
import { WorkReport } from '../../workorders/work-report.entity.js';
import type { EntityManager } from '@mikro-orm/core';
import { rowSource, type EventContext, type IncentiveEvent, type RowFilter } from './incentive-event.js';

/**
 * One event per 报工; a correction reversing an earlier report is not an achievement, and a
 * report already reversed when it is first read earns nothing.
 */
export const workReportEvents = rowSource('work_report', reportEvents);

async function reportEvents(
  em: EntityManager,
  rows: RowFilter,
  { config, tz }: EventContext,
): Promise<IncentiveEvent[]> {
  const where = 'ids' in rows ? { id: { $in: rows.ids } } : { reportedAt: { $gt: rows.from, $lte: rows.to } };
  const reports = await em.find(
    WorkReport,
    { $and: [where, { reverses: null }] },
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
}
