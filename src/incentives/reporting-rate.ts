import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { Person } from '../people/person.entity.js';
import { productionDay, productionInterval } from '../shared/production-day.js';
import type { ShiftInterval } from '../shared/shifts.js';
import { inZone } from '../shared/time.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import { shiftsStartingIn } from '../shared/shifts.js';
import type { Period } from './periods.js';

/** The chat channels: a report through one of them was made "through the bot". */
const BOT_CHANNELS: ReadonlySet<string> = new Set(['console', 'wecom-app', 'wecom-bot', 'dingtalk']);

/**
 * One operation one person worked in one shift. Work is seen where it leaves a trace: a report
 * in the shift, or the task's start (开工) in it. It belongs to the task's assignee, or to
 * whoever reported it when the task went to a whole team. A task started in one shift and
 * first reported in the next is a miss in the first shift — that is what the rate measures.
 */
export interface WorkedOperation {
  personId: string;
  taskId: number;
  shift: ShiftInterval;
  /** Reported through the bot before the shift ended. */
  reported: boolean;
  reports: number;
  good: number;
  scrap: number;
}

/** Operations reported through the bot before the end of their shift / operations worked. */
export interface ReportingRate {
  worked: number;
  onTime: number;
  /** onTime / worked, rounded to four places; null when nothing was worked. */
  rate: number | null;
}

export const NO_WORK: ReportingRate = { worked: 0, onTime: 0, rate: null };

export interface ReportingRates {
  people: Map<string, ReportingRate>;
  teams: Map<string, ReportingRate>;
}

/** Every operation worked in these shifts (in order, not overlapping), and whether it was reported. */
export async function workedOperations(
  em: EntityManager,
  shifts: ShiftInterval[],
): Promise<WorkedOperation[]> {
  const first = shifts[0];
  const last = shifts[shifts.length - 1];
  if (!first || !last) return [];
  const span = { $gte: first.start, $lt: last.end };
  const reports = await em.find(
    WorkReport,
    { reportedAt: span, reverses: null },
    { populate: ['task'], orderBy: { reportedAt: 'asc', id: 'asc' } },
  );
  const started = await em.find(OperationTask, { startedAt: span, assignee: { $ne: null } });
  const locate = (at: Date) => shifts.find((s) => s.start <= at && at < s.end);
  const units = new Map<string, WorkedOperation>();
  const unitOf = (personId: string, taskId: number, shift: ShiftInterval) => {
    const key = `${personId}|${taskId}|${shift.start.getTime()}`;
    const unit = units.get(key) ?? {
      personId,
      taskId,
      shift,
      reported: false,
      reports: 0,
      good: 0,
      scrap: 0,
    };
    units.set(key, unit);
    return unit;
  };
  for (const report of reports) {
    const shift = locate(report.reportedAt);
    if (!shift) continue;
    const unit = unitOf(report.task.assignee?.id ?? report.person.id, report.task.id, shift);
    unit.reports += 1;
    unit.good += report.good;
    unit.scrap += report.scrap;
    if (BOT_CHANNELS.has(report.channel)) unit.reported = true;
  }
  for (const task of started) {
    const shift = task.startedAt ? locate(task.startedAt) : undefined;
    if (shift && task.assignee) unitOf(task.assignee.id, task.id, shift);
  }
  return [...units.values()];
}

/**
 * The reporting rate of every person and team over the shifts of the production days in
 * `period` (a shift counts in the production day it began, a night shift after midnight
 * included). Teams are the people's teams as they are now.
 */
export async function reportingRates(
  em: EntityManager,
  period: Pick<Period, 'from' | 'to'>,
  config: Pick<FactoryConfig, 'shifts' | 'productionDay'>,
  tz: string,
): Promise<ReportingRates> {
  const day = productionDay(config, tz);
  // The period's calendar days, each taken from its production day's start.
  const startOf = (at: Date) => productionInterval(inZone(at, tz).format('YYYY-MM-DD'), day).start;
  const shifts = shiftsStartingIn(startOf(period.from), startOf(period.to), config.shifts, tz);
  const worked = await workedOperations(em, shifts);
  const people = new Map<string, ReportingRate>();
  for (const unit of worked) add(people, unit.personId, unit.reported);
  const members = await em.find(Person, { id: { $in: [...people.keys()] } });
  const teams = new Map<string, ReportingRate>();
  for (const person of members) {
    const rate = people.get(person.id);
    if (!person.team || !rate) continue;
    const team = teams.get(person.team.id) ?? { ...NO_WORK };
    team.worked += rate.worked;
    team.onTime += rate.onTime;
    team.rate = ratio(team.onTime, team.worked);
    teams.set(person.team.id, team);
  }
  return { people, teams };
}

function add(rates: Map<string, ReportingRate>, key: string, reported: boolean): void {
  const rate = rates.get(key) ?? { ...NO_WORK };
  rate.worked += 1;
  if (reported) rate.onTime += 1;
  rate.rate = ratio(rate.onTime, rate.worked);
  rates.set(key, rate);
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
