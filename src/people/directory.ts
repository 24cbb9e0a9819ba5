import type { EntityManager } from '@mikro-orm/core';
import type { Role } from '../config/factory-config.js';
import { forgetReads, keptRead } from '../db/kept-reads.js';
import { ChannelIdentity } from './channel-identity.entity.js';
import { GroupBinding } from './group-binding.entity.js';
import { Person } from './person.entity.js';
import { toPersonView, type PersonView } from './person-view.js';

/** Entities whose change can change who a platform id is, or what that person may do. */
const PEOPLE = ['Person', 'ChannelIdentity'];

/**
 * Look-ups of people by the names the platforms and the chat give them. The sender of every
 * inbound event is found here, from the people kept between requests when the ORM keeps reads.
 */
export async function personByIdentity(
  em: EntityManager,
  platform: string,
  externalId: string,
): Promise<PersonView | undefined> {
  return keptRead(em, `people|${platform}|${externalId}`, PEOPLE, () =>
    loadByIdentity(em, platform, externalId),
  );
}

async function loadByIdentity(
  em: EntityManager,
  platform: string,
  externalId: string,
): Promise<PersonView | undefined> {
  if (platform === 'console') return personById(em, externalId);
  const identity = await em.findOne(ChannelIdentity, { platform, externalId }, { populate: ['person'] });
  return identity && identity.person.active ? toPersonView(identity.person) : undefined;
}

export async function personById(em: EntityManager, id: string): Promise<PersonView | undefined> {
  const person = await em.findOne(Person, { id, active: true });
  return person ? toPersonView(person) : undefined;
}

/** `@张伟` or `@zhangwei`: people are mentioned by name in chat and by id in scripts. */
export async function personByMention(em: EntityManager, mention: string): Promise<PersonView | undefined> {
  const matches = await em.find(Person, { $or: [{ id: mention }, { name: mention }], active: true });
  return matches.length === 1 && matches[0] ? toPersonView(matches[0]) : undefined;
}

export async function peopleWithRole(em: EntityManager, role: Role): Promise<PersonView[]> {
  const everyone = await em.find(Person, { active: true }, { orderBy: { id: 'asc' } });
  return everyone.filter((p) => p.roles.includes(role)).map(toPersonView);
}

/** A person's ids by platform (`wecom`, `dingtalk`); looked up for every push to them. */
export async function identitiesOf(
  em: EntityManager,
  personId: string,
): Promise<ReadonlyMap<string, string>> {
  const load = async () => {
    const rows = await em.find(ChannelIdentity, { person: personId });
    return new Map(rows.map((r) => [r.platform, r.externalId]));
  };
  return keptRead(em, `people|identities of|${personId}`, PEOPLE, load);
}

export async function teamOfGroup(
  em: EntityManager,
  channel: string,
  chatId: string,
): Promise<string | undefined> {
  const binding = await em.findOne(GroupBinding, { channel, chatId });
  return binding?.team.id;
}

export async function groupsOfTeam(
  em: EntityManager,
  teamId: string,
): Promise<Array<{ channel: string; chatId: string }>> {
  const rows = await em.find(GroupBinding, { team: teamId }, { orderBy: { id: 'asc' } });
  return rows.map((r) => ({ channel: r.channel, chatId: r.chatId }));
}

export async function teamLeads(em: EntityManager, teamId: string): Promise<string[]> {
  const members = await em.find(Person, { team: teamId, active: true }, { orderBy: { id: 'asc' } });
  return members.filter((p) => p.roles.includes('team_lead')).map((p) => p.id);
}

/**
 * After changing people, identities or teams with native statements, which flushes do not see:
 * the next lookup reads them again.
 */
export function forgetPeople(em: EntityManager): void {
  forgetReads(em, PEOPLE);
}
