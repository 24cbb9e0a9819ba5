import type { EntityManager } from '@mikro-orm/core';
import { MaterialIssue } from '../materials/material-issue.entity.js';
import { OutsourcingInspection } from '../outsourcing/inspection.entity.js';
import { OutsourcingOrder } from '../outsourcing/outsourcing-order.entity.js';
import { mediaIdsAttachedToEach } from '../shared/media/attachments.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { ProductionException } from '../workorders/production-exception.entity.js';
import type { WorkOrder } from '../workorders/work-order.entity.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import { Inspection } from './inspections/inspection.entity.js';
import { outOfLimits } from './inspections/measurements.js';
import { ParameterReading } from './parameters/parameter-reading.entity.js';
import { parameterView } from './parameters/parameter-view.js';
import { serialSpans, type SerialSpan } from './serials/serial-spans.js';

/** What made an order: its material lots, who worked each operation on which machine, what went wrong. */
export interface OrderTrace {
  number: string;
  itemName: string;
  quantity: number;
  status: string;
  dueDate: string;
  customer: string | null;
  lots: Array<{
    lotNumber: string;
    itemName: string;
    unit: string;
    quantity: number;
    supplier: string | null;
  }>;
  operations: Array<{
    sequence: number;
    name: string;
    good: number;
    scrap: number;
    /** Who reported on it (net of reversals), in the order they first did. */
    people: string[];
    teams: string[];
    machines: string[];
    firstReportAt: Date | null;
    lastReportAt: Date | null;
    /** 首检 and 终检 on this operation, in the order they were made. */
    inspections: Array<{
      kind: string;
      inspector: string;
      at: Date;
      accepted: number;
      rejected: number;
      rework: number;
      reasonCode: string | null;
      /** What was measured (名=值), as typed, after any note. */
      note: string | null;
      /** The measured values outside the operation's 检验特性 limits, with the limits. */
      outOfLimits: string[];
      /** The stored photos attached to it (media ids), oldest first. */
      photos: number[];
    }>;
    /** Process parameters recorded on its reports, in the order they were recorded. */
    parameters: Array<{
      report: number;
      name: string;
      unit: string;
      value: number;
      min: number | null;
      max: number | null;
      outOfLimits: boolean;
      exceptionId: number | null;
      at: Date;
    }>;
  }>;
  outsourcing: Array<{
    number: string;
    partner: string;
    process: string;
    quantity: number;
    state: string;
    shipDate: string;
    returnedAt: Date | null;
    returned: number;
    qcResult: string | null;
    /** The order's operation the partner did, when it was sent for one. */
    operation: string | null;
    /** What 外协质检 counted in the pieces back, over all its counts; reason codes in order. */
    qc: { accepted: number; concession: number; rejected: number; rework: number; reasonCodes: string[] };
  }>;
  exceptions: Array<{
    id: number;
    kind: string;
    reason: string;
    status: string;
    raisedBy: string;
    raisedAt: Date;
    /** The operation it was raised on, when one was running. */
    operation: string | null;
    closedAt: Date | null;
  }>;
  /** The serials its accepted pieces carry, when its item is serialised. */
  serials: SerialSpan | null;
}

/** An order's trace: its lots, its operations with people, machines, inspections and parameters, its outsourcing and exceptions. */
export async function orderTraceOf(
  em: EntityManager,
  order: WorkOrder,
  outsourcingStates: ReadonlyArray<{ id: string; name: string }>,
): Promise<OrderTrace> {
  const tasks = await em.find(OperationTask, { workOrder: order }, { orderBy: { sequence: 'asc' } });
  const reports = await em.find(
    WorkReport,
    { task: { workOrder: order } },
    { populate: ['person.team', 'equipment'], orderBy: { reportedAt: 'asc', id: 'asc' } },
  );
  const issues = await em.find(
    MaterialIssue,
    { workOrder: order },
    { populate: ['lot.item'], orderBy: { issuedAt: 'asc', id: 'asc' } },
  );
  const outsourced = await em.find(
    OutsourcingOrder,
    { workOrder: order },
    { populate: ['partner', 'operation'], orderBy: { id: 'asc' } },
  );
  const counted =
    outsourced.length === 0
      ? []
      : await em.find(
          OutsourcingInspection,
          { order: { $in: outsourced } },
          { orderBy: { at: 'asc', id: 'asc' } },
        );
  const exceptions = await em.find(
    ProductionException,
    { workOrder: order },
    { populate: ['raisedBy', 'task'], orderBy: { id: 'asc' } },
  );
  const inspections = await em.find(
    Inspection,
    { task: { workOrder: order } },
    { populate: ['inspector'], orderBy: { at: 'asc', id: 'asc' } },
  );
  const photos = await mediaIdsAttachedToEach(
    em,
    'inspection',
    inspections.map((i) => i.id),
  );
  const readings = await em.find(
    ParameterReading,
    { report: { task: { workOrder: order } } },
    { populate: ['report'], orderBy: { recordedAt: 'asc', id: 'asc' } },
  );
  const spans = order.item.serialised ? await serialSpans(em, [order.id]) : undefined;
  const stateName = (id: string) => outsourcingStates.find((s) => s.id === id)?.name ?? id;
  return {
    number: order.number,
    itemName: order.item.name,
    quantity: order.quantity,
    status: order.status,
    dueDate: order.dueDate,
    customer: order.customer ?? null,
    lots: lotsOf(issues),
    operations: tasks.map((task) => operationOf(task, reports, inspections, photos, readings)),
    outsourcing: outsourced.map((o) => ({
      number: o.number,
      partner: o.partner.name,
      process: o.process,
      quantity: o.quantity,
      state: stateName(o.state),
      shipDate: o.shipDate,
      returnedAt: o.actualReturnAt ?? null,
      returned: o.returnedQuantity,
      qcResult: o.qcResult ?? null,
      operation: o.operation?.name ?? null,
      qc: qcOf(counted.filter((i) => i.order.id === o.id)),
    })),
    exceptions: exceptions.map((e) => ({
      id: e.id,
      kind: e.kind,
      reason: e.reason,
      status: e.status,
      raisedBy: e.raisedBy.name,
      raisedAt: e.raisedAt,
      operation: e.task?.name ?? null,
      closedAt: e.closedAt ?? null,
    })),
    serials: spans?.get(order.id) ?? null,
  };
}

function qcOf(counts: OutsourcingInspection[]): OrderTrace['outsourcing'][number]['qc'] {
  const sum = (pick: (i: OutsourcingInspection) => number) => counts.reduce((n, i) => n + pick(i), 0);
  return {
    accepted: sum((i) => i.accepted),
    concession: sum((i) => i.concession),
    rejected: sum((i) => i.rejected),
    rework: sum((i) => i.rework),
    reasonCodes: [...new Set(counts.flatMap((i) => (i.reasonCode ? [i.reasonCode] : [])))],
  };
}

function lotsOf(issues: MaterialIssue[]): OrderTrace['lots'] {
  const byLot = new Map<string, OrderTrace['lots'][number]>();
  for (const issue of issues) {
    const seen = byLot.get(issue.lot.lotNumber);
    if (seen) seen.quantity += issue.quantity;
    else
      byLot.set(issue.lot.lotNumber, {
        lotNumber: issue.lot.lotNumber,
        itemName: issue.lot.item.name,
        unit: issue.lot.item.unit,
        quantity: issue.quantity,
        supplier: issue.lot.supplier ?? null,
      });
  }
  return [...byLot.values()];
}

/** One operation's record: its totals, and the people and machines behind the reports that still stand. */
function operationOf(
  task: OperationTask,
  reports: WorkReport[],
  inspections: Inspection[],
  photos: ReadonlyMap<string, number[]>,
  readings: ParameterReading[],
): OrderTrace['operations'][number] {
  const own = reports.filter((r) => r.task.id === task.id);
  // A 撤销 takes a report back whole, a 更正 only part of it: a report stands while any of its
  // pieces do, and it is its reporter and machine who made them, not whoever corrected them.
  const net = new Map<number, number>();
  for (const r of own) {
    const id = r.reverses ? r.reverses.id : r.id;
    net.set(id, (net.get(id) ?? 0) + r.good + r.scrap);
  }
  const standing = own.filter((r) => !r.reverses && net.get(r.id) !== 0);
  const unique = (values: Array<string | undefined>) => [
    ...new Set(values.filter((v): v is string => v !== undefined)),
  ];
  return {
    sequence: task.sequence,
    name: task.name,
    good: task.goodTotal,
    scrap: task.scrapTotal,
    people: unique(standing.map((r) => r.person.name)),
    teams: unique(standing.map((r) => r.person.team?.name)),
    machines: unique(standing.map((r) => r.equipment?.code)),
    firstReportAt: standing[0]?.reportedAt ?? null,
    lastReportAt: standing.at(-1)?.reportedAt ?? null,
    inspections: inspections
      .filter((i) => i.task.id === task.id)
      .map((i) => ({
        kind: i.kind,
        inspector: i.inspector.name,
        at: i.at,
        accepted: i.accepted,
        rejected: i.rejected,
        rework: i.rework,
        reasonCode: i.reasonCode ?? null,
        note: i.note ?? null,
        outOfLimits: outOfLimits(i.measurements ?? []),
        photos: photos.get(String(i.id)) ?? [],
      })),
    parameters: readings
      .filter((r) => r.report.task.id === task.id)
      .map((r) => ({ report: r.report.id, ...parameterView(r), at: r.recordedAt })),
  };
}
