import type { EntityManager } from '@mikro-orm/core';
import { MaterialIssue } from '../materials/material-issue.entity.js';
import { reportLabel } from '../workorders/correction-service.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import { productionDateOf, type ProductionDay } from '../shared/production-day.js';
import { inZone } from '../shared/time.js';
import type { IssueField, ReportField } from './config.js';

export type ReportRow = Record<ReportField, string | number>;
export type IssueRow = Record<IssueField, string | number>;

/** An issue's number in the files, as B12 is a report's: an ERP line needs a key of ours. */
export const issueLabel = (id: number): string => `L${id}`;

const localTime = (at: Date, tz: string) => inZone(at, tz).format('YYYY-MM-DD HH:mm:ss');

/**
 * Every report recorded in [start, end), reversals included as the negative rows they are (with
 * the number they reverse), in the order recorded: the ERP sums them to the same net figures.
 */
export async function reportRows(
  em: EntityManager,
  span: { start: Date; end: Date },
  day: ProductionDay,
): Promise<ReportRow[]> {
  const reports = await em.find(
    WorkReport,
    { reportedAt: { $gte: span.start, $lt: span.end } },
    {
      populate: ['task.workOrder.item', 'person.team', 'equipment'],
      orderBy: { reportedAt: 'asc', id: 'asc' },
    },
  );
  return reports.map((r) => ({
    date: productionDateOf(r.reportedAt, day),
    reportNo: reportLabel(r.id),
    reportedAt: localTime(r.reportedAt, day.tz),
    orderNumber: r.task.workOrder.number,
    itemCode: r.task.workOrder.item.code,
    itemName: r.task.workOrder.item.name,
    sequence: r.task.sequence,
    operation: r.task.name,
    personId: r.person.id,
    personName: r.person.name,
    team: r.person.team?.name ?? '',
    equipment: r.equipment?.code ?? '',
    good: r.good,
    scrap: r.scrap,
    minutes: r.minutes,
    reverses: r.reverses ? reportLabel(r.reverses.id) : '',
  }));
}

/** Every material issue in [start, end), in the order issued. */
export async function issueRows(
  em: EntityManager,
  span: { start: Date; end: Date },
  day: ProductionDay,
): Promise<IssueRow[]> {
  const issues = await em.find(
    MaterialIssue,
    { issuedAt: { $gte: span.start, $lt: span.end } },
    { populate: ['lot.item', 'workOrder.item', 'issuedBy'], orderBy: { issuedAt: 'asc', id: 'asc' } },
  );
  return issues.map((i) => ({
    date: productionDateOf(i.issuedAt, day),
    issueNo: issueLabel(i.id),
    issuedAt: localTime(i.issuedAt, day.tz),
    orderNumber: i.workOrder.number,
    productCode: i.workOrder.item.code,
    lotNumber: i.lot.lotNumber,
    materialCode: i.lot.item.code,
    materialName: i.lot.item.name,
    unit: i.lot.item.unit,
    quantity: i.quantity,
    personId: i.issuedBy.id,
    personName: i.issuedBy.name,
  }));
}
