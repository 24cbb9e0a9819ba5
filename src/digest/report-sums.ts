import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { WorkReport } from '../workorders/work-report.entity.js';

/** Signed sums of the reports of one operation (and machine, where asked) in a span. */
export interface ReportSums {
  task: number;
  equipment: string | null;
  good: number;
  scrap: number;
  minutes: number;
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
  by: { equipment: boolean; tasks?: number[] },
): Promise<ReportSums[]> {
  if (by.tasks?.length === 0) return [];
  const reportedAt = span.from ? { $gte: span.from, $lt: span.to } : { $lt: span.to };
  const onTasks = by.tasks ? { task: { $in: by.tasks } } : {};
  const made = await grouped(em, by.equipment, false, { reverses: null, reportedAt, ...onTasks });
  const correcting = await grouped(em, by.equipment, true, {
    // Implied by the join, but it lets MariaDB see how few corrections there are: its index
    // statistics count every uncorrected report under one null key and it would scan them all.
    reverses: { $ne: null },
    'o.reportedAt': reportedAt,
    reportedAt: { $lt: span.asOf },
    ...onTasks,
  });
  const sums = new Map<string, ReportSums>();
  for (const [rows, corrections] of [
    [made, false],
    [correcting, true],
  ] as const) {
    for (const row of rows) {
      const key = `${row.task}|${row.equipment ?? ''}`;
      const sum = sums.get(key) ?? {
        task: row.task,
        equipment: row.equipment,
        good: 0,
        scrap: 0,
        minutes: 0,
        reports: 0,
        corrections: 0,
      };
      sum.good += row.good;
      sum.scrap += row.scrap;
      sum.minutes += row.minutes;
      if (corrections) sum.corrections += row.count;
      else sum.reports += row.count;
      sums.set(key, sum);
    }
  }
  return [...sums.values()];
}

async function grouped(
  em: EntityManager,
  byEquipment: boolean,
  /** Corrections, with the report each one reverses joined as `o`. */
  corrections: boolean,
  where: Record<string, unknown>,
): Promise<
  Array<{ task: number; equipment: string | null } & Record<'good' | 'scrap' | 'minutes' | 'count', number>>
> {
  const keys = byEquipment ? ['r.task', 'r.equipment'] : ['r.task'];
  // The SQL drivers' entity manager; the core type does not expose the query builder.
  const qb = (em as SqlEntityManager)
    .createQueryBuilder(WorkReport, 'r')
    .select([
      ...keys,
      raw('sum(r.good) as good'),
      raw('sum(r.scrap) as scrap'),
      raw('sum(r.minutes) as minutes'),
      raw('count(*) as n'),
    ])
    .groupBy(keys);
  if (corrections) qb.join('r.reverses', 'o');
  const rows = (await qb.where(where).execute('all', false)) as Array<Record<string, unknown>>;
  // MariaDB returns sums as decimal strings.
  return rows.map((row) => ({
    task: Number(row.task_id),
    equipment: (row.equipment_code as string | null | undefined) ?? null,
    good: Number(row.good),
    scrap: Number(row.scrap),
    minutes: Number(row.minutes),
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
