import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { FactoryConfig } from '../config/factory-config.js';
import { Downtime } from '../equipment/downtime.entity.js';
import { OutsourcingOrder } from '../outsourcing/outsourcing-order.entity.js';
import { RepairStep } from '../equipment/repairs/repair-step.entity.js';
import { RepairTicket } from '../equipment/repairs/repair-ticket.entity.js';
import type { ExceptionKind } from '../workorders/production-exception.entity.js';
import { ProductionException } from '../workorders/production-exception.entity.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import { workedOperations, type WorkedOperation } from '../workorders/worked-operations-lookup.js';
import { productionDay, productionInterval } from '../shared/production-day.js';
import { shiftsStartingIn } from '../shared/shifts.js';
import { inZone } from '../shared/time.js';

/** The timestamps the KPIs are read from: the records' own, never a counter a job keeps. */

export interface Span {
  from: Date;
  to: Date;
}

export interface ExceptionTimes {
  kind: ExceptionKind;
  teamId: string | null;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
}

/** Work-order exceptions raised in the span; the team is the one of the operation it names. */
export async function exceptionsRaised(em: EntityManager, span: Span): Promise<ExceptionTimes[]> {
  const rows = await em.find(
    ProductionException,
    { raisedAt: { $gte: span.from, $lt: span.to } },
    { populate: ['task'], orderBy: { id: 'asc' } },
  );
  return rows.map((e) => ({
    kind: e.kind,
    teamId: e.task?.team?.id ?? null,
    raisedAt: e.raisedAt,
    acknowledgedAt: e.acknowledgedAt ?? null,
    closedAt: e.closedAt ?? null,
  }));
}

export interface RepairTimes {
  equipment: string;
  teamId: string | null;
  reportedAt: Date;
  /** The first 接单. */
  acceptedAt: Date | null;
  archivedAt: Date | null;
}

/** Repair tickets reported in the span, with when a technician first took each. */
export async function repairsReported(em: EntityManager, span: Span): Promise<RepairTimes[]> {
  const tickets = await em.find(
    RepairTicket,
    { reportedAt: { $gte: span.from, $lt: span.to } },
    { populate: ['equipment'], orderBy: { id: 'asc' } },
  );
  const steps = await em.find(
    RepairStep,
    { ticket: { $in: tickets.map((t) => t.id) }, toState: 'accepted' },
    { orderBy: { at: 'asc', id: 'asc' } },
  );
  const accepted = new Map<number, Date>();
  for (const step of steps) if (!accepted.has(step.ticket.id)) accepted.set(step.ticket.id, step.at);
  return tickets.map((t) => ({
    equipment: t.equipment.code,
    teamId: t.equipment.team?.id ?? null,
    reportedAt: t.reportedAt,
    acceptedAt: accepted.get(t.id) ?? null,
    archivedAt: t.archivedAt ?? null,
  }));
}

export interface CompletedOrder {
  number: string;
  dueDate: string;
  completedAt: Date;
}

/** Orders completed in the span (a closed order keeps its completion time). */
export async function ordersCompleted(em: EntityManager, span: Span): Promise<CompletedOrder[]> {
  const rows = await em.find(
    WorkOrder,
    { completedAt: { $gte: span.from, $lt: span.to }, status: { $in: ['completed', 'closed'] } },
    { fields: ['number', 'dueDate', 'completedAt'], orderBy: { number: 'asc' } },
  );
  return rows.map((o) => ({ number: o.number, dueDate: o.dueDate, completedAt: o.completedAt! }));
}

export interface ReturnedBatch {
  /** Factory-local day the batch left: the order keeps no instant for it. */
  shipDate: string;
  returnedAt: Date;
}

/** Outsourcing orders whose whole batch came back in the span. */
export async function batchesReturned(em: EntityManager, span: Span): Promise<ReturnedBatch[]> {
  const rows = await em.find(
    OutsourcingOrder,
    { actualReturnAt: { $gte: span.from, $lt: span.to } },
    { fields: ['shipDate', 'actualReturnAt'], orderBy: { id: 'asc' } },
  );
  return rows.map((o) => ({ shipDate: o.shipDate, returnedAt: o.actualReturnAt! }));
}

export interface YieldSums {
  teamId: string | null;
  equipment: string | null;
  good: number;
  scrap: number;
  /** The operations' standard minutes for the pieces made (good and scrap): OEE's performance. */
  standardMinutes: number;
}

/**
 * Good and scrap of the reports made in the span, with their corrections (撤销/更正) netted in
 * whenever typed before `asOf` — as the digest counts them (src/digest/report-sums.ts): two
 * grouped queries, each walking an index, rather than one OR across a join.
 */
export async function yieldSums(em: EntityManager, span: Span, asOf: Date): Promise<YieldSums[]> {
  const reportedAt = { $gte: span.from, $lt: span.to };
  const made = await grouped(em, false, { reverses: null, reportedAt });
  const corrections = await grouped(em, true, {
    reverses: { $ne: null },
    'o.reportedAt': reportedAt,
    reportedAt: { $lt: asOf },
  });
  const sums = new Map<string, YieldSums>();
  for (const row of [...made, ...corrections]) {
    const key = `${row.teamId ?? ''}|${row.equipment ?? ''}`;
    const sum = sums.get(key) ?? {
      teamId: row.teamId,
      equipment: row.equipment,
      good: 0,
      scrap: 0,
      standardMinutes: 0,
    };
    sum.good += row.good;
    sum.scrap += row.scrap;
    sum.standardMinutes += row.standardMinutes;
    sums.set(key, sum);
  }
  return [...sums.values()];
}

async function grouped(em: EntityManager, corrections: boolean, where: Record<string, unknown>) {
  const keys = ['t.team', 'r.equipment'];
  // The SQL drivers' entity manager; the core type does not expose the query builder.
  const qb = (em as SqlEntityManager)
    .createQueryBuilder(WorkReport, 'r')
    .select([
      ...keys,
      raw('sum(r.good) as good'),
      raw('sum(r.scrap) as scrap'),
      raw('sum(t.standard_minutes * (r.good + r.scrap)) as standard'),
    ])
    .join('r.task', 't')
    .groupBy(keys);
  if (corrections) qb.join('r.reverses', 'o');
  const rows = (await qb.where(where).execute('all', false)) as Array<Record<string, unknown>>;
  // MariaDB returns sums as decimal strings.
  return rows.map((row) => ({
    teamId: (row.team_id as string | null | undefined) ?? null,
    equipment: (row.equipment_code as string | null | undefined) ?? null,
    good: Number(row.good),
    scrap: Number(row.scrap),
    standardMinutes: Number(row.standard ?? 0),
  }));
}

/**
 * The operations worked in the shifts of the period's production days that began before `now`
 * (a night shift counts in the day it began), each with whether it was reported in its shift —
 * the reporting rate the leaderboard ranks teams by.
 */
export async function operationsWorked(
  em: EntityManager,
  span: Span,
  now: Date,
  config: Pick<FactoryConfig, 'shifts' | 'productionDay'>,
  tz: string,
): Promise<WorkedOperation[]> {
  const day = productionDay(config, tz);
  const startOf = (at: Date) => productionInterval(inZone(at, tz).format('YYYY-MM-DD'), day).start;
  const shifts = shiftsStartingIn(startOf(span.from), startOf(span.to), config.shifts, tz).filter(
    (s) => s.start < now,
  );
  return workedOperations(em, shifts);
}

export interface DowntimeSpan {
  equipment: string;
  startedAt: Date;
  /** Null while the machine is still down. */
  endedAt: Date | null;
  /** A breakdown (报修), not a plain 停机: what MTTR and MTBF count. */
  repair: boolean;
}

/** The downtimes that overlap the span, open ones included. */
export async function downtimesIn(em: EntityManager, span: Span): Promise<DowntimeSpan[]> {
  const rows = await em.find(
    Downtime,
    { startedAt: { $lt: span.to }, $or: [{ endedAt: null }, { endedAt: { $gt: span.from } }] },
    { orderBy: { id: 'asc' } },
  );
  return rows.map((d) => ({
    equipment: d.equipment.code,
    startedAt: d.startedAt,
    endedAt: d.endedAt ?? null,
    repair: d.ticket !== null && d.ticket !== undefined,
  }));
}
