import type { EntityManager } from '@mikro-orm/core';
import type { Recipient } from '../../chat/outbound.js';
import type { FactoryConfig } from '../../config/factory-config.js';
import { peopleWithRole } from '../../people/directory.js';
import { Person } from '../../people/person.entity.js';
import { Team } from '../../people/team.entity.js';
import { equipmentMessages as m } from '../messages.js';
import type { MaintenancePlan } from './maintenance-plan.entity.js';

export interface Responsible {
  /** Where the task's card goes: the person and/or the team (its group, else its leads). */
  recipients: Recipient[];
  /** The people who count as responsible when the escalation names someone. */
  personIds: string[];
  label: string;
}

/** Who looks after the machines when a plan names nobody, and who hears of repair tickets. */
export async function maintenanceCrew(em: EntityManager, config: FactoryConfig): Promise<Responsible> {
  const teamId = config.maintenance.team;
  if (teamId) {
    const team = await em.findOne(Team, teamId);
    return { recipients: [{ kind: 'team', teamId }], personIds: [], label: team?.name ?? m.maintenanceTeam };
  }
  const people = await peopleWithRole(em, 'maintenance');
  return {
    recipients: people.map((p) => ({ kind: 'person', personId: p.id })),
    personIds: people.map((p) => p.id),
    label: people.length > 0 ? people.map((p) => p.name).join('、') : m.maintenanceTeam,
  };
}

/**
 * The plan's person gets the card, and so does the team group (the plan's team, else the
 * maintenance team); with neither named, the maintenance crew does.
 */
export async function responsibleFor(
  em: EntityManager,
  config: FactoryConfig,
  plan: MaintenancePlan,
): Promise<Responsible> {
  const person = plan.responsiblePerson ? await em.findOne(Person, plan.responsiblePerson.id) : null;
  const teamId = plan.responsibleTeam?.id ?? config.maintenance.team;
  if (!person && !plan.responsibleTeam) return maintenanceCrew(em, config);
  const team = teamId ? await em.findOne(Team, teamId) : null;
  return {
    recipients: [
      ...(person ? [{ kind: 'person' as const, personId: person.id }] : []),
      ...(teamId ? [{ kind: 'team' as const, teamId }] : []),
    ],
    personIds: person ? [person.id] : [],
    label: person?.name ?? team?.name ?? m.maintenanceTeam,
  };
}
