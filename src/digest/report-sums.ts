import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { notReversedBy } from '../workorders/reversal-lookup.js';
import { WorkReport } from '../workorders/work-report.entity.js';

/** Signed sums of the reports of one operation in a span. */
export interface ReportSums {
  task: number;
  good: number;
  scrap: number;
  /** 报工 made in the span. */
  reports: number;
  /** 撤销/更正 of those reports, whenever made. */
  corrections: number;
}

export interface ReportSpan {
  from?: Date;
  to: Date;
  /** Corrections typed after this instant are not seen yet. */
  asOf: Date;
}

/**
 * Sums over the reports made in a span and the corrections (撤销/更正) of those reports whenever
 * they were made: a correction puts the figures of the day it corrects right, not the day it was
 * typed. The two halves are separate grouped queries so that each walks an index (the reports'
 * time, or the corrected report's key) instead of scanning the whole history for an OR across a join.
 */
export async function reportSums(
  em: EntityManager,
  span: ReportSpan,
  tasks?: number[],
): Promise<ReportSums[]> {
  if (tasks?.length === 0) return [];
  const reportedAt = span.from ? { $gte: span.from, $lt: span.to } : { $lt: span.to };
  const onTasks = tasks ? { task: { $in: tasks } } : {};
  const made = await grouped(em, false, { reverses: null, reportedAt, ...onTasks });
  const correcting = await grouped(em, true, {
    // Implied by the join, but it lets MariaDB see how few corrections there are: its index
    // statistics count every uncorrected report under one null key and it would scan them all.
    reverses: { $ne: null },
    'o.reportedAt': reportedAt,
    reportedAt: { $lt: span.asOf },
    ...onTasks,
  });
  const sums = new Map<number, ReportSums>();
  for (const [rows, corrections] of [
    [made, false],
    [correcting, true],
  ] as const) {
    for (const row of rows) {
      const sum = sums.get(row.task) ?? {
        task: row.task,
        good: 0,
        scrap: 0,
        reports: 0,
        corrections: 0,
      };
      sum.good += row.good;
      sum.scrap += row.scrap;
      if (corrections) sum.corrections += row.count;
      else sum.reports += row.count;
      sums.set(row.task, sum);
    }
  }
  return [...sums.values()];
}

async function grouped(
  em: EntityManager,
  /** Corrections, with the report each one reverses joined as `o`. */
  corrections: boolean,
  where: Record<string, unknown>,
): Promise<Array<{ task: number } & Record<'good' | 'scrap' | 'count', number>>> {
  // The SQL drivers' entity manager; the core type does not expose the query builder.
  const qb = (em as SqlEntityManager)
    .createQueryBuilder(WorkReport, 'r')
    .select(['r.task', raw('sum(r.good) as good'), raw('sum(r.scrap) as scrap'), raw('count(*) as n')])
    .groupBy('r.task');
  if (corrections) qb.join('r.reverses', 'o');
  const rows = (await qb.where(where).execute('all', false)) as Array<Record<string, unknown>>;
  // MariaDB returns sums as decimal strings.
  return rows.map((row) => ({
    task: Number(row.task_id),
    good: Number(row.good),
    scrap: Number(row.scrap),
    count: Number(row.n),
  }));
}

/** The last operation (highest sequence) of each work order: its good pieces are finished goods. */
export async function lastOperations(em: EntityManager, orderIds: number[]): Promise<Map<number, number>> {
  if (orderIds.length === 0) return new Map();
  const rows = (await (em as SqlEntityManager)
    .createQueryBuilder(OperationTask, 't')
    .select(['t.id', 't.workOrder'])
    .where({ workOrder: { $in: orderIds } })
    .andWhere(raw(lastSequence('t')))
    .execute('all', false)) as Array<{ id: unknown; work_order_id: unknown }>;
  return new Map(rows.map((r) => [Number(r.work_order_id), Number(r.id)]));
}

/** SQL condition: the task aliased `alias` is the last of its work order. */
export function lastSequence(alias: string): string {
  return `${alias}.sequence = (select max(l.sequence) from operation_tasks l where l.work_order_id = ${alias}.work_order_id)`;
}

/** A stretch of time a report says its machine ran: the minutes before the report. */
export interface MachineRun {
  equipment: string;
  from: Date;
  to: Date;
}

/**
 * The runs of the reports made in a span on a machine. A report taken back by an 撤销 typed
 * before `asOf` ran nothing (its reversal carries the minutes back); a 更正 keeps them.
 */
export async function machineRuns(em: EntityManager, span: Required<ReportSpan>): Promise<MachineRun[]> {
  const undone = notReversedBy(em, { minutes: { $ne: 0 }, reportedAt: { $lt: span.asOf } });
  // Rows, not entities: a busy day has hundreds of reports and only three fields are wanted.
  const rows = await (em as SqlEntityManager)
    .createQueryBuilder(WorkReport, 'r')
    .select(['r.equipment', 'r.reportedAt', 'r.minutes'])
    .where({
      $and: [
        { reportedAt: { $gte: span.from, $lt: span.to }, reverses: null },
        { equipment: { $ne: null }, minutes: { $gt: 0 } },
        undone,
      ],
    })
    .execute('all');
  return rows.map((r) => {
    const to = new Date(r.reportedAt);
    return { equipment: String(r.equipment), from: new Date(to.getTime() - r.minutes * 60_000), to };
  });
}
