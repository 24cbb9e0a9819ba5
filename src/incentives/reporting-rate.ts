import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { Person } from '../people/person.entity.js';
import { productionDay, productionInterval } from '../shared/production-day.js';
import { shiftsStartingIn } from '../shared/shifts.js';
import { inZone } from '../shared/time.js';
import { workedOperations } from '../workorders/worked-operations-lookup.js';
import type { Period } from './periods.js';

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
