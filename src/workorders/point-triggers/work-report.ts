import type { EntityManager } from '@mikro-orm/core';
import type { EventContext, IncentiveEvent, PointTrigger } from '../../capabilities/point-trigger.js';
import { shiftAt } from '../../shared/shifts.js';
import { workOrderPointWords as w } from '../messages.js';
import { notReversedBy } from '../reversal-lookup.js';
import { WorkReport } from '../work-report.entity.js';
import { operationFields, operationOf, pieceFields, piecesOf } from './operation-fields.js';

/**
 * One event per 报工 that stands. A report later reversed is left out; the report as a
 * correction left it (the original with the signed pieces of every reversal up to this one) is
 * an event of its own, dated like the original so it counts in the same day and week as the
 * points the reversal took back, unless a later correction has superseded it. An undo, or a
 * correction to nothing, leaves no report and earns nothing.
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
  const reversals = await reversalsOf(em, reports);
  return reports.flatMap((report): IncentiveEvent[] => {
    const stands = standingReport(report, reversals.get(report.reverses?.id ?? report.id) ?? []);
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

/** Every reversal of the originals the corrections among `reports` reverse, oldest first, by original. */
async function reversalsOf(
  em: EntityManager,
  reports: readonly WorkReport[],
): Promise<Map<number, WorkReport[]>> {
  const originals = [...new Set(reports.flatMap((r) => (r.reverses ? [r.reverses.id] : [])))];
  const byOriginal = new Map<number, WorkReport[]>();
  if (originals.length === 0) return byOriginal;
  const all = await em.find(WorkReport, { reverses: { $in: originals } }, { orderBy: { id: 'asc' } });
  for (const r of all) {
    const id = r.reverses?.id ?? r.id;
    byOriginal.set(id, [...(byOriginal.get(id) ?? []), r]);
  }
  return byOriginal;
}

/**
 * What a report leaves standing: itself, or for a correction the original as corrected by every
 * reversal up to it; nothing when a later reversal has taken its place.
 */
function standingReport(
  report: WorkReport,
  reversals: readonly WorkReport[],
): Pick<WorkReport, 'reportedAt' | 'good' | 'scrap' | 'minutes' | 'channel'> | undefined {
  const original = report.reverses;
  if (!original) return report;
  if (reversals.some((r) => r.id > report.id)) return undefined;
  const upToThis = reversals.filter((r) => r.id <= report.id);
  const sum = (part: (r: WorkReport) => number) => upToThis.reduce((n, r) => n + part(r), part(original));
  const good = sum((r) => r.good);
  const scrap = sum((r) => r.scrap);
  if (good === 0 && scrap === 0) return undefined;
  const { reportedAt, channel } = original;
  return { reportedAt, good, scrap, minutes: sum((r) => r.minutes), channel };
}
