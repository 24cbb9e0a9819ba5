import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { downtimeBetween } from '../equipment/downtime-service.js';
import { Equipment } from '../equipment/equipment.entity.js';
import { MaterialIssue } from '../materials/material-issue.entity.js';
import { productionInterval, type ProductionDay } from '../shared/production-day.js';
import { dayjs } from '../shared/time.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { ProductionException } from '../workorders/production-exception.entity.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { WorkReport } from '../workorders/work-report.entity.js';

/**
 * One production day, as the supervisor used to reconcile it from sheets every morning. Pieces
 * are sums of the reports' signed quantities (a reversing report takes its pieces back off), so
 * the headline, the order lines and the chart all add up to the same numbers.
 */
export interface DailyFigures {
  day: string;
  /** The production day's span, [from, to); `to` is "now" while the day is still running. */
  from: Date;
  to: Date;
  orders: Array<{
    number: string;
    itemName: string;
    quantity: number;
    /** Good and scrapped pieces each operation turned out in the day, in routing order. */
    operations: Array<{ sequence: number; name: string; good: number; scrap: number }>;
    /** Good pieces over every operation that day. */
    good: number;
    /** Good pieces off the last operation that day: finished goods. */
    finished: number;
    /** Scrap reported on any operation that day. */
    scrap: number;
    /** Finished goods to the end of the day, over the order quantity. */
    finishedTotal: number;
    progress: number;
  }>;
  /**
   * reports: 报工 made that day; corrections: 撤销/更正 of those reports, whenever made, whose
   * signed quantities net into the sums; earlierCorrected: corrections made that day to reports
   * of earlier days (counted there). Pieces are over all operations.
   */
  totals: {
    reports: number;
    corrections: number;
    earlierCorrected: number;
    good: number;
    scrap: number;
    scrapRate: number;
    finished: number;
  };
  materials: Array<{ itemCode: string; itemName: string; unit: string; quantity: number }>;
  equipment: Array<{ code: string; name: string; runMinutes: number; downMinutes: number }>;
  atRisk: Array<{ number: string; itemName: string; dueDate: string; progress: number; overdue: boolean }>;
  openExceptions: Array<{
    id: number;
    kind: string;
    number: string;
    reason: string;
    ageHours: number;
    status: string;
  }>;
}

export interface FigureOptions {
  productionDay: ProductionDay;
  riskDays: number;
  /** When the digest is built: exception ages and "open" are as of now; a running day ends now. */
  now: Date;
}

export async function buildDailyFigures(
  em: EntityManager,
  day: string,
  options: FigureOptions,
): Promise<DailyFigures> {
  const interval = productionInterval(day, options.productionDay);
  const start = interval.start;
  // Up to and including this instant: a running day ends here, and so do the corrections seen.
  const asOf = new Date(options.now.getTime() + 1);
  const end = asOf < interval.end ? asOf : interval.end;
  const reports = await em.find(WorkReport, madeOrCorrecting({ $gte: start, $lt: end }, asOf), {
    populate: ['task.workOrder.item', 'equipment'],
    orderBy: { id: 'asc' },
  });
  const orderIds = [...new Set(reports.map((r) => r.task.workOrder.id))];
  const lastTasks = await lastOperations(em, orderIds);
  const finishedToEnd = await finishedBefore(em, [...lastTasks.values()], end, asOf);

  const orders = new Map<number, DailyFigures['orders'][number]>();
  for (const r of reports) {
    const order = r.task.workOrder;
    const row = orders.get(order.id) ?? {
      number: order.number,
      itemName: order.item.name,
      quantity: order.quantity,
      operations: [],
      good: 0,
      finished: 0,
      scrap: 0,
      finishedTotal: finishedToEnd.get(lastTasks.get(order.id) ?? -1) ?? 0,
      progress: 0,
    };
    let operation = row.operations.find((o) => o.sequence === r.task.sequence);
    if (!operation) {
      operation = { sequence: r.task.sequence, name: r.task.name, good: 0, scrap: 0 };
      row.operations.push(operation);
      row.operations.sort((a, b) => a.sequence - b.sequence);
    }
    operation.good += r.good;
    operation.scrap += r.scrap;
    row.good += r.good;
    if (lastTasks.get(order.id) === r.task.id) row.finished += r.good;
    row.scrap += r.scrap;
    row.progress = ratio(row.finishedTotal, row.quantity);
    orders.set(order.id, row);
  }
  const good = sum(reports.map((r) => r.good));
  const scrap = sum(reports.map((r) => r.scrap));
  return {
    day,
    from: start,
    to: end,
    orders: [...orders.values()].sort((a, b) => a.number.localeCompare(b.number)),
    totals: {
      reports: reports.filter((r) => !r.reverses).length,
      corrections: reports.filter((r) => r.reverses).length,
      earlierCorrected: await em.count(WorkReport, {
        reportedAt: { $gte: start, $lt: end },
        reverses: { reportedAt: { $lt: start } },
      }),
      good,
      scrap,
      scrapRate: ratio(scrap, good + scrap),
      finished: sum([...orders.values()].map((o) => o.finished)),
    },
    materials: await materialsUsed(em, start, end),
    equipment: await equipmentTime(em, reports, start, end),
    atRisk: await ordersAtRisk(em, day, options.riskDays),
    openExceptions: await openExceptions(em, options.now),
  };
}

async function lastOperations(em: EntityManager, orderIds: number[]): Promise<Map<number, number>> {
  const tasks = await em.find(
    OperationTask,
    { workOrder: { $in: orderIds } },
    { orderBy: { sequence: 'asc' } },
  );
  return new Map(tasks.map((t) => [t.workOrder.id, t.id]));
}

/**
 * The reports made in a span, and the corrections (撤销/更正) of those reports whenever they
 * were made: a correction puts the figures of the day it corrects right, not the day it was typed.
 */
function madeOrCorrecting(span: { $gte?: Date; $lt: Date }, asOf: Date): FilterQuery<WorkReport> {
  return {
    $or: [
      { reverses: null, reportedAt: span },
      { reverses: { reportedAt: span }, reportedAt: { $lt: asOf } },
    ],
  };
}

async function finishedBefore(
  em: EntityManager,
  taskIds: number[],
  end: Date,
  asOf: Date,
): Promise<Map<number, number>> {
  const rows = await em.find(
    WorkReport,
    { $and: [{ task: { $in: taskIds } }, madeOrCorrecting({ $lt: end }, asOf)] },
    { fields: ['good', 'task'] },
  );
  const totals = new Map<number, number>();
  for (const r of rows) totals.set(r.task.id, (totals.get(r.task.id) ?? 0) + r.good);
  return totals;
}

async function materialsUsed(em: EntityManager, start: Date, end: Date): Promise<DailyFigures['materials']> {
  const issues = await em.find(
    MaterialIssue,
    { issuedAt: { $gte: start, $lt: end } },
    { populate: ['lot.item'] },
  );
  const byItem = new Map<string, DailyFigures['materials'][number]>();
  for (const issue of issues) {
    const item = issue.lot.item;
    const row = byItem.get(item.code) ?? {
      itemCode: item.code,
      itemName: item.name,
      unit: item.unit,
      quantity: 0,
    };
    row.quantity = Math.round((row.quantity + issue.quantity) * 1000) / 1000;
    byItem.set(item.code, row);
  }
  return [...byItem.values()].sort((a, b) => a.itemCode.localeCompare(b.itemCode));
}

/**
 * Run time is what reports said the machine worked; down time is how long equipment
 * exceptions on it were open within the day (repair tickets join this when they exist).
 */
/**
 * Run time from the work reports; down time from the machine's recorded downtime (报修 to
 * 验收, 停机 to 开机) and from equipment exceptions raised on its tasks. Where they overlap
 * (a breakdown reported both ways) the time is counted once.
 */
async function equipmentTime(
  em: EntityManager,
  reports: WorkReport[],
  start: Date,
  end: Date,
): Promise<DailyFigures['equipment']> {
  const machines = await em.find(Equipment, {}, { orderBy: { code: 'asc' } });
  const exceptions = await em.find(
    ProductionException,
    { kind: 'equipment', raisedAt: { $lt: end }, $or: [{ closedAt: null }, { closedAt: { $gt: start } }] },
    { populate: ['task.equipment'] },
  );
  const down = [
    ...(await downtimeBetween(em, start, end)),
    ...exceptions.flatMap((e) =>
      e.task?.equipment
        ? [{ equipment: e.task.equipment.code, from: e.raisedAt, to: e.closedAt ?? end }]
        : [],
    ),
  ];
  return machines
    .map((m) => ({
      code: m.code,
      name: m.name,
      runMinutes: sum(reports.filter((r) => r.equipment?.code === m.code).map((r) => r.minutes)),
      downMinutes: unionMinutes(
        down.filter((d) => d.equipment === m.code),
        start,
        end,
      ),
    }))
    .filter((m) => m.runMinutes > 0 || m.downMinutes > 0);
}

/** Minutes of [start, end) covered by at least one of the intervals. */
function unionMinutes(intervals: Array<{ from: Date; to: Date }>, start: Date, end: Date): number {
  const clipped = intervals
    .map(
      (i) => [Math.max(i.from.getTime(), start.getTime()), Math.min(i.to.getTime(), end.getTime())] as const,
    )
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reach = -Infinity;
  for (const [a, b] of clipped) {
    if (b <= reach) continue;
    total += b - Math.max(a, reach);
    reach = b;
  }
  return Math.round(total / 60_000);
}

async function ordersAtRisk(
  em: EntityManager,
  day: string,
  riskDays: number,
): Promise<DailyFigures['atRisk']> {
  const horizon = dayjs(day)
    .add(riskDays + 1, 'day')
    .format('YYYY-MM-DD');
  const open = await em.find(
    WorkOrder,
    { status: { $in: ['released', 'in_progress'] }, dueDate: { $lte: horizon } },
    { populate: ['item'], orderBy: { dueDate: 'asc', number: 'asc' } },
  );
  const last = await lastOperations(
    em,
    open.map((o) => o.id),
  );
  const tasks = await em.find(OperationTask, { id: { $in: [...last.values()] } });
  const finished = new Map(tasks.map((t) => [t.workOrder.id, t.goodTotal]));
  return open
    .map((o) => ({
      number: o.number,
      itemName: o.item.name,
      dueDate: o.dueDate,
      progress: ratio(finished.get(o.id) ?? 0, o.quantity),
      overdue: o.dueDate <= day,
    }))
    .filter((o) => o.progress < 1);
}

async function openExceptions(em: EntityManager, now: Date): Promise<DailyFigures['openExceptions']> {
  const open = await em.find(
    ProductionException,
    { status: { $ne: 'closed' }, raisedAt: { $lte: now } },
    { populate: ['workOrder'], orderBy: { raisedAt: 'asc' } },
  );
  return open.map((e) => ({
    id: e.id,
    kind: e.kind,
    number: e.workOrder.number,
    reason: e.reason,
    ageHours: Math.floor((now.getTime() - e.raisedAt.getTime()) / 3_600_000),
    status: e.status,
  }));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}
