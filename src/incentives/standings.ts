import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { Person } from '../people/person.entity.js';
import { Team } from '../people/team.entity.js';
import { pointsByPerson, type PersonPoints } from './ledger.js';
import type { Period } from './periods.js';
import { NO_WORK, reportingRates, type ReportingRate } from './reporting-rate.js';

export interface TeamStanding {
  teamId: string;
  name: string;
  /** Active people of the team, its lead included. */
  members: number;
  points: number;
  /** Points per member, one decimal: small and large teams compare fairly. */
  perMember: number;
  rate: ReportingRate;
}

export interface Standings {
  period: Period;
  /** People with more than zero points, most first. */
  people: PersonPoints[];
  /** Every team with members, best first by points per member, then reporting rate. */
  teams: TeamStanding[];
}

export async function standings(
  em: EntityManager,
  period: Period,
  config: FactoryConfig,
  tz: string,
): Promise<Standings> {
  const points = await pointsByPerson(em, period);
  const rates = await reportingRates(em, period, config, tz);
  const teams = await em.find(Team, {}, { orderBy: { id: 'asc' } });
  const people = await em.find(Person, { active: true, team: { $ne: null } });
  const byPerson = new Map(points.map((p) => [p.personId, p.points]));
  const standingsOfTeams = teams
    .map((team): TeamStanding => {
      const members = people.filter((p) => p.team?.id === team.id);
      const total = members.reduce((n, p) => n + (byPerson.get(p.id) ?? 0), 0);
      return {
        teamId: team.id,
        name: team.name,
        members: members.length,
        points: total,
        perMember: members.length === 0 ? 0 : Math.round((total / members.length) * 10) / 10,
        rate: rates.teams.get(team.id) ?? NO_WORK,
      };
    })
    .filter((t) => t.members > 0)
    .sort((a, b) => b.perMember - a.perMember || (b.rate.rate ?? -1) - (a.rate.rate ?? -1));
  return { period, people: points.filter((p) => p.points > 0), teams: standingsOfTeams };
}
