import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { downtimeBetween } from '../equipment/downtime-service.js';
import { Equipment } from '../equipment/equipment.entity.js';
import { MaterialIssue } from '../materials/material-issue.entity.js';
import { productionInterval, type ProductionDay } from '../shared/production-day.js';
import { dayjs } from '../shared/time.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { ProductionException } from '../workorders/production-exception.entity.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import { lastOperations, lastSequence, machineRuns, reportSums, type ReportSpan } from './report-sums.js';

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
  const sums = await reportSums(em, { from: start, to: end, asOf });
  const tasks = await taskNames(em, [...new Set(sums.map((s) => s.task))]);
  const lastTasks = await lastOperations(em, [...new Set([...tasks.values()].map((t) => t.orderId))]);
  const finishedToEnd = new Map(
    (await reportSums(em, { to: end, asOf }, [...lastTasks.values()])).map((s) => [s.task, s.good]),
  );

  const orders = new Map<number, DailyFigures['orders'][number]>();
  for (const s of sums) {
    const task = tasks.get(s.task);
    if (!task) continue; // a report's task always exists (foreign key)
    const row = orders.get(task.orderId) ?? {
      number: task.orderNumber,
      itemName: task.itemName,
      quantity: task.orderQuantity,
      operations: [],
      good: 0,
      finished: 0,
      scrap: 0,
      finishedTotal: finishedToEnd.get(lastTasks.get(task.orderId) ?? -1) ?? 0,
      progress: 0,
    };
    let operation = row.operations.find((o) => o.sequence === task.sequence);
    if (!operation) {
      operation = { sequence: task.sequence, name: task.name, good: 0, scrap: 0 };
      row.operations.push(operation);
      row.operations.sort((a, b) => a.sequence - b.sequence);
    }
    operation.good += s.good;
    operation.scrap += s.scrap;
    row.good += s.good;
    if (lastTasks.get(task.orderId) === s.task) row.finished += s.good;
    row.scrap += s.scrap;
    row.progress = ratio(row.finishedTotal, row.quantity);
    orders.set(task.orderId, row);
  }
  const good = sum(sums.map((s) => s.good));
  const scrap = sum(sums.map((s) => s.scrap));
  return {
    day,
    from: start,
    to: end,
    orders: [...orders.values()].sort((a, b) => a.number.localeCompare(b.number)),
    totals: {
      reports: sum(sums.map((s) => s.reports)),
      corrections: sum(sums.map((s) => s.corrections)),
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
    equipment: await equipmentTime(em, { from: start, to: end, asOf }),
    atRisk: await ordersAtRisk(em, day, options.riskDays),
    openExceptions: await openExceptions(em, options.now),
  };
}

interface TaskNames {
  sequence: number;
  name: string;
  orderId: number;
  orderNumber: string;
  orderQuantity: number;
  itemName: string;
}

/** What the digest prints about the operations that were reported on, by task id. */
async function taskNames(em: EntityManager, taskIds: number[]): Promise<Map<number, TaskNames>> {
  if (taskIds.length === 0) return new Map();
  const rows = (await (em as SqlEntityManager)
    .createQueryBuilder(OperationTask, 't')
    .select([
      raw('t.id as task_id'),
      raw('t.sequence as sequence'),
      raw('t.name as task_name'),
      raw('o.id as order_id'),
      raw('o.number as order_number'),
      raw('o.quantity as order_quantity'),
      raw(`${itemName('o')} as item_name`),
    ])
    .join('t.workOrder', 'o')
    .where({ id: { $in: taskIds } })
    .execute('all', false)) as Array<Record<string, unknown>>;
  return new Map(
    rows.map((r) => [
      Number(r.task_id),
      {
        sequence: Number(r.sequence),
        name: String(r.task_name),
        orderId: Number(r.order_id),
        orderNumber: String(r.order_number),
        orderQuantity: Number(r.order_quantity),
        itemName: String(r.item_name),
      },
    ]),
  );
}

/**
 * SQL: the item name of the work order aliased `alias`. A subquery rather than a join, so that
 * the planner cannot start from the few items and walk every order of each.
 */
function itemName(alias: string): string {
  return `(select i.name from items i where i.code = ${alias}.item_code)`;
}

async function materialsUsed(em: EntityManager, start: Date, end: Date): Promise<DailyFigures['materials']> {
  const rows = (await (em as SqlEntityManager)
    .createQueryBuilder(MaterialIssue, 'm')
    .select([
      raw('i.code as item_code'),
      raw('i.name as item_name'),
      raw('i.unit as unit'),
      raw('sum(m.quantity) as quantity'),
    ])
    .join('m.lot', 'l')
    .join('l.item', 'i')
    .where({ issuedAt: { $gte: start, $lt: end } })
    .groupBy(['i.code', 'i.name', 'i.unit'])
    .execute('all', false)) as Array<Record<string, unknown>>;
  return rows
    .map((r) => ({
      itemCode: String(r.item_code),
      itemName: String(r.item_name),
      unit: String(r.unit),
      // Issued in grams and millilitres at most: the sum of doubles is rounded back to that.
      quantity: Math.round(Number(r.quantity) * 1000) / 1000,
    }))
    .sort((a, b) => a.itemCode.localeCompare(b.itemCode));
}

/**
 * Run time from the work reports: the minutes before each report on the machine, counted once
 * where two operations' reports cover the same time (it runs one job at a time, and a count
 * above the day's length is no use to anyone). Down time from the machine's recorded downtime (报修 to
 * 验收, 停机 to 开机) and from equipment exceptions raised on its tasks. Where they overlap
 * (a breakdown reported both ways) the time is counted once.
 */
async function equipmentTime(
  em: EntityManager,
  span: Required<ReportSpan>,
): Promise<DailyFigures['equipment']> {
  const { from: start, to: end } = span;
  const runs = await machineRuns(em, span);
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
      runMinutes: unionMinutes(
        runs.filter((r) => r.equipment === m.code),
        start,
        end,
      ),
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
  const rows = (await (em as SqlEntityManager)
    .createQueryBuilder(WorkOrder, 'o')
    .select([
      raw('o.number as number'),
      raw(`${itemName('o')} as item_name`),
      raw('o.due_date as due_date'),
      raw('o.quantity as quantity'),
      // Good pieces of the last operation; an order without operations has none.
      raw(
        `(select t.good_total from operation_tasks t where t.work_order_id = o.id and ${lastSequence('t')}) as finished`,
      ),
    ])
    .where({ status: { $in: ['released', 'in_progress'] }, dueDate: { $lte: horizon } })
    .orderBy({ dueDate: 'asc', number: 'asc' })
    .execute('all', false)) as Array<Record<string, unknown>>;
  return rows
    .map((r) => ({
      number: String(r.number),
      itemName: String(r.item_name),
      dueDate: String(r.due_date),
      progress: ratio(Number(r.finished ?? 0), Number(r.quantity)),
      overdue: String(r.due_date) <= day,
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
    number: e.workOrder?.number ?? '—', // a form's exception is about a machine, not an order
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
