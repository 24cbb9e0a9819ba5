import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { EventContext, IncentiveEvent, PointTrigger } from '../../capabilities/point-trigger.js';
import { shiftAt } from '../../shared/shifts.js';
import { workOrderPointWords as w } from '../messages.js';
import { WorkReport } from '../work-report.entity.js';
import { operationFields, operationOf, pieceFields, piecesOf } from './operation-fields.js';

/**
 * One event per 报工; a correction reversing an earlier report is not an achievement, and a
 * report already reversed when it is first read earns nothing.
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
  // Reports that a later one reverses are left out in the same query.
  const reversedIds = (em as SqlEntityManager)
    .createQueryBuilder(WorkReport, 'r')
    .select('r.reverses')
    .where({ reverses: { $ne: null } })
    .getKnexQuery();
  // MikroORM takes a knex sub-query as a value here; its filter types do not say so.
  const notReversed = { id: { $nin: reversedIds } } as unknown as FilterQuery<WorkReport>;
  const reports = await em.find(
    WorkReport,
    { $and: [{ reportedAt: { $gt: from, $lte: to }, reverses: null }, notReversed] },
    { populate: ['task.workOrder.item'], orderBy: { reportedAt: 'asc', id: 'asc' } },
  );
  return reports.map((report): IncentiveEvent => {
    const shift = shiftAt(report.reportedAt, config.shifts, tz);
    return {
      key: `work_report:${report.id}`,
      personId: report.person.id,
      occurredAt: report.reportedAt,
      fields: {
        ...piecesOf(report.good, report.scrap),
        minutes: report.minutes,
        ...(shift && {
          shift: shift.name,
          minutesBeforeShiftEnd: Math.floor((shift.end.getTime() - report.reportedAt.getTime()) / 60_000),
        }),
        channel: report.channel,
        ...operationOf(report.task),
      },
    };
  });
}
