import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { ChannelIdentity } from './channel-identity.entity.js';
import { GroupBinding } from './group-binding.entity.js';
import { Person } from './person.entity.js';
import { Team } from './team.entity.js';

/**
 * Makes the database agree with `factory.yaml` on the teams, people and bindings the file
 * declares. People the file does not mention (added through the API) are left alone.
 */
export async function syncPeople(em: EntityManager, config: FactoryConfig): Promise<void> {
  await em.transactional(async (tx) => {
    for (const t of config.teams) {
      await upsertTeam(tx, t.id, t.name);
      const groups: Array<[string, string | undefined]> = [
        ['wecom-app', t.wecomGroup],
        ['wecom-bot', t.wecomBotGroup],
        ['dingtalk', t.dingtalkGroup],
      ];
      for (const [channel, chatId] of groups) {
        if (chatId === undefined) continue;
        const binding =
          (await tx.findOne(GroupBinding, { channel, chatId })) ??
          tx.create(GroupBinding, { channel, chatId, team: t.id });
        binding.team = tx.getReference(Team, t.id);
      }
    }
    await tx.flush();
    for (const p of config.people) {
      const person =
        (await tx.findOne(Person, p.id)) ?? tx.create(Person, { id: p.id, name: p.name, roles: p.roles });
      Object.assign(person, { name: p.name, roles: p.roles, phone: p.phone ?? null, active: true });
      person.team = p.team === undefined ? null : tx.getReference(Team, p.team);
      for (const [platform, externalId] of [
        ['wecom', p.wecom],
        ['dingtalk', p.dingtalk],
      ] as const) {
        if (externalId === undefined) continue;
        const identity =
          (await tx.findOne(ChannelIdentity, { platform, externalId })) ??
          tx.create(ChannelIdentity, { platform, externalId, person: p.id });
        identity.person = tx.getReference(Person, p.id);
      }
    }
  });
}

async function upsertTeam(em: EntityManager, id: string, name: string): Promise<Team> {
  const team = (await em.findOne(Team, id)) ?? em.create(Team, { id, name });
  team.name = name;
  return team;
}
