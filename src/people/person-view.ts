import type { Role } from '../config/factory-config.js';
import type { Person } from './person.entity.js';

/** What the chat layer and the services need to know about a person. */
export interface PersonView {
  id: string;
  name: string;
  roles: Role[];
  teamId: string | undefined;
}

export function toPersonView(person: Person): PersonView {
  return { id: person.id, name: person.name, roles: person.roles, teamId: person.team?.id };
}

export function hasRole(person: PersonView, ...roles: Role[]): boolean {
  return person.roles.includes('admin') || roles.some((r) => person.roles.includes(r));
}
