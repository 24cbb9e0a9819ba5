import { inZone } from '../../shared/time.js';

/** What a plan says about timing. */
export interface PlanTerms {
  everyHours?: number | null;
  everyDays?: number | null;
  leadHours: number;
  leadDays: number;
}

/** Where the current round started: the counter and the moment of the last reset. */
export interface Baseline {
  baselineMinutes: number;
  baselineAt: Date;
}

export interface DueState {
  /** Running minutes at which the round comes due, when the plan counts hours. */
  dueMinutes: number | undefined;
  /** 00:00 (factory zone) of the day the round comes due, when the plan counts days. */
  dueDay: Date | undefined;
  /** Why it is due now, or undefined while it is not: hours are checked first. */
  dueBy: 'hours' | 'days' | undefined;
  /** Within the lead (heads-up) window and not yet due. */
  inLead: boolean;
}

/**
 * Whichever comes first: `everyHours` running hours after the baseline counter, or the
 * factory-local day `everyDays` after the baseline day. A calendar plan is due from the
 * start of its day, so it fires on that day wherever the server's clock is.
 */
export function dueState(
  plan: PlanTerms,
  base: Baseline,
  runningMinutes: number,
  now: Date,
  tz: string,
): DueState {
  const dueMinutes = plan.everyHours ? base.baselineMinutes + plan.everyHours * 60 : undefined;
  const start = inZone(base.baselineAt, tz).startOf('day');
  const dueDay = plan.everyDays ? start.add(plan.everyDays, 'day') : undefined;
  const byHours = dueMinutes !== undefined && runningMinutes >= dueMinutes;
  const byDays = dueDay !== undefined && now.getTime() >= dueDay.valueOf();
  const dueBy = byHours ? 'hours' : byDays ? 'days' : undefined;
  const leadByHours =
    dueMinutes !== undefined && plan.leadHours > 0 && runningMinutes >= dueMinutes - plan.leadHours * 60;
  const leadByDays =
    dueDay !== undefined &&
    plan.leadDays > 0 &&
    now.getTime() >= dueDay.subtract(plan.leadDays, 'day').valueOf();
  return {
    dueMinutes,
    dueDay: dueDay?.toDate(),
    dueBy,
    inLead: dueBy === undefined && (leadByHours || leadByDays),
  };
}
