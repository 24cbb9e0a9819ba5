import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { completionPerForm } from '../forms/completion-service.js';
import { scrapApprovalTimes } from '../quality/scrap/scrap-approval-service.js';
import { daysBetween } from '../shared/production-day.js';
import { inZone } from '../shared/time.js';
import type { KpiConfig } from './config.js';
import { kpiPeriod, type KpiPeriod, type KpiPeriodKind } from './kpi-period.js';
import {
  batchesReturned,
  downtimesIn,
  operationsWorked,
  exceptionsRaised,
  ordersCompleted,
  repairsReported,
  yieldSums,
  type CompletedOrder,
  type ExceptionTimes,
  type RepairTimes,
  type YieldSums,
} from './kpi-records.js';
import { shiftSpans, uptimeOf, type Uptime } from './uptime.js';

/** The median of the waits that ended, in hours; null when none did. */
export interface ResponseTime {
  hours: number | null;
  /** How many waits ended (the median's sample). */
  count: number;
  /** (baseline − hours) / baseline; null without a baseline or a median. */
  improvement: number | null;
}

export interface Rate {
  part: number;
  whole: number;
  /** part / whole; null when whole is 0. */
  rate: number | null;
}

/** What one scope (the factory, a team, a machine) did in the period. */
export interface KpiScope {
  exceptionResponse: ResponseTime;
  exceptionClose: ResponseTime;
  /** Exceptions closed within their kind's limit / raised. */
  exceptionClosure: Rate;
  repairAccept: ResponseTime;
  repairArchive: ResponseTime;
  /** Good / (good + scrap), corrections netted. */
  firstPassYield: Rate;
  /** Operations reported through the bot within their shift / operations worked. */
  reportingRate: Rate;
}

/** The median outsourcing lead time in days (ship day → return day, factory zone). */
export interface LeadTime {
  days: number | null;
  count: number;
  /** (baseline − days) / baseline; null without a baseline or a median. */
  improvement: number | null;
}

export interface LateOrder {
  number: string;
  dueDate: string;
  completedOn: string;
  daysLate: number;
}

export interface KpiFigures extends KpiScope {
  period: KpiPeriod;
  /** Completed by the end of the due date / completed in the period. */
  onTimeDelivery: Rate;
  late: LateOrder[];
  outsourcingReturn: LeadTime;
  /** Scrap approvals decided in the period: request → approver's tap (quality capability). */
  scrapApproval: ResponseTime;
  /** Per scheduled form (forms capability): filled / due (period × subject) for periods starting in the period. */
  formCompletion: Array<{ form: string } & Rate>;
  /** Per team (null: no team), in team-id order. */
  teams: Array<{ teamId: string | null } & KpiScope>;
  /** Per machine, for the figures a machine has: repairs, yield, and its time (OEE, MTTR, MTBF). */
  machines: Array<
    { equipment: string } & Pick<KpiScope, 'repairAccept' | 'repairArchive' | 'firstPassYield'> & {
        uptime: Uptime;
      }
  >;
}

export interface KpiDeps {
  em: EntityManager;
  /** The whole file: the forms' completion needs their schedules, uptime the shifts and the calendar. */
  config: FactoryConfig;
  tz: string;
  now: Date;
}

const HOUR = 3_600_000;

/** The KPIs of `KPI 本周|上周|本月`, read from the records' own timestamps. */
export async function kpiFigures(deps: KpiDeps, kind: KpiPeriodKind): Promise<KpiFigures> {
  const period = kpiPeriod(kind, deps.now, deps.tz);
  return kpiFiguresFor(deps, period);
}

/**
 * The KPIs of the Monday-to-Sunday week that holds `day`, read at `deps.now`: a past week's
 * machine hours run to its end, the running week's to now.
 */
export async function weekFigures(deps: KpiDeps, day: Date): Promise<KpiFigures> {
  return kpiFiguresFor(deps, kpiPeriod('this_week', day, deps.tz));
}

export async function kpiFiguresFor(deps: KpiDeps, period: KpiPeriod): Promise<KpiFigures> {
  const { em, tz } = deps;
  const exceptions = await exceptionsRaised(em, period);
  const repairs = await repairsReported(em, period);
  const orders = await ordersCompleted(em, period);
  const yields = await yieldSums(em, period, deps.now);
  const returned = await batchesReturned(em, period);
  const approvals = await scrapApprovalTimes(em, period.from, period.to);
  const forms = await completionPerForm(deps, period.from, period.to);
  const worked = await operationsWorked(em, period, deps.now, deps.config, tz);
  // A machine's time counts up to now: this week's availability is of the hours gone by.
  const window = { from: period.from, to: new Date(Math.min(period.to.getTime(), deps.now.getTime())) };
  const downtimes = await downtimesIn(em, window);
  const spans = shiftSpans(deps.config.shifts, deps.config.planning.calendar, tz, window.from, window.to);
  const scope = (teamId?: string | null): KpiScope => {
    const mine = <T extends { teamId: string | null }>(rows: T[]) =>
      teamId === undefined ? rows : rows.filter((r) => r.teamId === teamId);
    return {
      ...exceptionFigures(mine(exceptions), deps.config.kpi),
      ...repairFigures(mine(repairs), deps.config.kpi),
      firstPassYield: yieldOf(mine(yields)),
      reportingRate: rateOf(mine(worked).filter((w) => w.reported).length, mine(worked).length),
    };
  };
  const teamIds = [...new Set([...exceptions, ...repairs, ...yields, ...worked].map((r) => r.teamId))].sort(
    byKey,
  );
  const machines = [...new Set([...repairs, ...yields, ...downtimes].map((r) => r.equipment))]
    .filter((code): code is string => code !== null)
    .sort(byKey)
    .map((equipment) => {
      const made = yields.filter((y) => y.equipment === equipment);
      const firstPassYield = yieldOf(made);
      return {
        equipment,
        ...repairFigures(
          repairs.filter((r) => r.equipment === equipment),
          deps.config.kpi,
        ),
        firstPassYield,
        uptime: uptimeOf(
          window,
          spans,
          downtimes.filter((d) => d.equipment === equipment),
          made.reduce((sum, y) => sum + y.standardMinutes, 0),
          firstPassYield.rate,
        ),
      };
    });
  const late = orders.flatMap((o) => lateness(o, tz));
  return {
    period,
    ...scope(),
    onTimeDelivery: rateOf(orders.length - late.length, orders.length),
    late,
    outsourcingReturn: leadTime(
      returned.map((b) => daysBetween(b.shipDate, inZone(b.returnedAt, tz).format('YYYY-MM-DD'))),
      deps.config.kpi.baselines.outsourcingReturnDays,
    ),
    scrapApproval: responseTime(
      approvals.map((a) => [a.requestedAt, a.decidedAt]),
      deps.config.kpi.baselines.scrapApprovalHours,
    ),
    formCompletion: forms.map((f) => ({ form: f.formName, ...rateOf(f.done, f.due) })),
    teams: teamIds.map((teamId) => ({ teamId, ...scope(teamId) })),
    machines,
  };
}

function exceptionFigures(rows: ExceptionTimes[], { baselines, exceptionLimitHours }: KpiConfig) {
  const inTime = rows.filter(
    (e) => e.closedAt && e.closedAt.getTime() - e.raisedAt.getTime() <= exceptionLimitHours[e.kind] * HOUR,
  );
  return {
    exceptionResponse: responseTime(
      rows.map((e) => [e.raisedAt, e.acknowledgedAt]),
      baselines.exceptionResponseHours,
    ),
    exceptionClose: responseTime(
      rows.map((e) => [e.raisedAt, e.closedAt]),
      baselines.exceptionCloseHours,
    ),
    exceptionClosure: rateOf(inTime.length, rows.length),
  };
}

function repairFigures(rows: RepairTimes[], { baselines }: KpiConfig) {
  return {
    repairAccept: responseTime(
      rows.map((r) => [r.reportedAt, r.acceptedAt]),
      baselines.repairAcceptHours,
    ),
    repairArchive: responseTime(
      rows.map((r) => [r.reportedAt, r.archivedAt]),
      baselines.repairArchiveHours,
    ),
  };
}

function responseTime(waits: Array<[Date, Date | null]>, baseline: number | undefined): ResponseTime {
  const hours = waits
    .flatMap(([from, to]) => (to ? [(to.getTime() - from.getTime()) / HOUR] : []))
    .sort((a, b) => a - b);
  const median = medianOf(hours);
  return {
    hours: median,
    count: hours.length,
    improvement: median === null || !baseline ? null : (baseline - median) / baseline,
  };
}

function leadTime(days: number[], baseline: number | undefined): LeadTime {
  const median = medianOf([...days].sort((a, b) => a - b));
  return {
    days: median,
    count: days.length,
    improvement: median === null || !baseline ? null : (baseline - median) / baseline,
  };
}

function medianOf(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function yieldOf(rows: YieldSums[]): Rate {
  const good = rows.reduce((s, r) => s + r.good, 0);
  const scrap = rows.reduce((s, r) => s + r.scrap, 0);
  return rateOf(good, good + scrap);
}

function rateOf(part: number, whole: number): Rate {
  return { part, whole, rate: whole > 0 ? part / whole : null };
}

/** A due date is a factory-local day: completed any time that day is on time, after it late. */
function lateness(order: CompletedOrder, tz: string): LateOrder[] {
  const completedOn = inZone(order.completedAt, tz).format('YYYY-MM-DD');
  const daysLate = daysBetween(order.dueDate, completedOn);
  return daysLate > 0 ? [{ number: order.number, dueDate: order.dueDate, completedOn, daysLate }] : [];
}

function byKey(a: string | null, b: string | null): number {
  return (a ?? '').localeCompare(b ?? '');
}
