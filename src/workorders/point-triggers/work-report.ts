import type { EntityManager } from '@mikro-orm/core';
import type { EventContext, IncentiveEvent, PointTrigger } from '../../capabilities/point-trigger.js';
import { shiftAt } from '../../shared/shifts.js';
import { workOrderPointWords as w } from '../messages.js';
import { notReversedBy } from '../reversal-lookup.js';
import { WorkReport } from '../work-report.entity.js';
import { operationFields, operationOf, pieceFields, piecesOf } from './operation-fields.js';

/**
 * One event per 报工 that stands. A report later reversed is left out; the report as a
 * correction left it (the original with the correction's signed pieces) is an event of its
 * own, dated like the original so it counts in the same day and week as the points the
 * reversal took back. An undo, or a correction to nothing, leaves no report and earns nothing.
 */
export const workReportTrigger: PointTrigger = {
  name: 'work_report',
  label: w.workReport,
  fields: {
    ...pieceFields,
    /** Working minutes the report covers. */
    minutes: { type: 'number', label: w.fields.minutes },
    /** Minutes from the report to the end of the shift it was made in; absent outside every shift. */
    minutesBeforeShiftEnd: { type: 'number', label: w.fields.minutesBeforeShiftEnd },
    /** The shift's name in factory.yaml, e.g. 白班; absent outside every shift. */
    shift: { type: 'string', label: w.fields.shift },
    /** console, wecom-app, wecom-bot, dingtalk */
    channel: { type: 'string', label: w.fields.channel },
    ...operationFields,
  },
  explain: w.reportPaid,
  settleMs: 0,
  read: reportEvents,
};

async function reportEvents(
  em: EntityManager,
  from: Date,
  to: Date,
  { config, tz }: EventContext,
): Promise<IncentiveEvent[]> {
  const reports = await em.find(
    WorkReport,
    {
      reportedAt: { $gt: from, $lte: to },
      $or: [{ $and: [{ reverses: null }, notReversedBy(em)] }, { reverses: { $ne: null } }],
    },
    { populate: ['task.workOrder.item', 'reverses'], orderBy: { reportedAt: 'asc', id: 'asc' } },
  );
  return reports.flatMap((report): IncentiveEvent[] => {
    const stands = standingReport(report);
    if (!stands) return [];
    const shift = shiftAt(stands.reportedAt, config.shifts, tz);
    return [
      {
        key: `work_report:${report.id}`,
        personId: report.person.id,
        occurredAt: stands.reportedAt,
        fields: {
          ...piecesOf(stands.good, stands.scrap),
          minutes: stands.minutes,
          ...(shift && {
            shift: shift.name,
            minutesBeforeShiftEnd: Math.floor((shift.end.getTime() - stands.reportedAt.getTime()) / 60_000),
          }),
          channel: stands.channel,
          ...operationOf(report.task),
        },
      },
    ];
  });
}

/** What a report leaves standing: itself, or for a correction the original as corrected. */
function standingReport(
  report: WorkReport,
): Pick<WorkReport, 'reportedAt' | 'good' | 'scrap' | 'minutes' | 'channel'> | undefined {
  const original = report.reverses;
  if (!original) return report;
  const good = original.good + report.good;
  const scrap = original.scrap + report.scrap;
  if (good === 0 && scrap === 0) return undefined;
  const { reportedAt, channel } = original;
  return { reportedAt, good, scrap, minutes: original.minutes + report.minutes, channel };
}
