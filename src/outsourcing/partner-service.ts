import type { EntityManager } from '@mikro-orm/core';
import { ChannelIdentity } from '../people/channel-identity.entity.js';
import { forgetPeople } from '../people/directory.js';
import { Person } from '../people/person.entity.js';
import type { PersonView } from '../people/person-view.js';
import { RefusedError } from '../shared/errors.js';
import { outsourcingMessages as m } from './messages.js';
import { PartnerContact } from './partner-contact.entity.js';
import { Partner } from './partner.entity.js';

export interface PartnerContactInput {
  /** The person's stable id, as in factory.yaml and /api/v1/people. */
  id: string;
  name: string;
  phone?: string | null;
  wecom?: string | null;
  dingtalk?: string | null;
  primary?: boolean;
}

export interface PartnerInput {
  code: string;
  name: string;
  process: string;
  active?: boolean;
  /** When given, the partner's contacts become exactly these. */
  contacts?: PartnerContactInput[];
}

/**
 * Creates or updates a partner and its contacts. Each contact is a person with the role
 * `partner`, bound to this partner; their chat ids and phone are set on the person.
 */
export async function upsertPartner(em: EntityManager, input: PartnerInput, now: Date): Promise<Partner> {
  const partner =
    (await em.findOne(Partner, input.code)) ??
    em.create(Partner, { code: input.code, name: input.name, process: input.process, createdAt: now });
  Object.assign(partner, { name: input.name, process: input.process, active: input.active ?? true });
  if (input.contacts === undefined) {
    await em.flush();
    return partner;
  }
  await em.nativeDelete(PartnerContact, { partner: partner.code });
  for (const c of input.contacts) {
    const person =
      (await em.findOne(Person, c.id)) ?? em.create(Person, { id: c.id, name: c.name, roles: ['partner'] });
    person.name = c.name;
    person.active = true;
    if (!person.roles.includes('partner')) person.roles = [...person.roles, 'partner'];
    if (c.phone !== undefined) person.phone = c.phone;
    await em.flush();
    for (const platform of ['wecom', 'dingtalk'] as const) {
      const externalId = c[platform];
      if (externalId === undefined) continue;
      await em.nativeDelete(ChannelIdentity, { person: c.id, platform });
      if (externalId === null) continue;
      await em.nativeDelete(ChannelIdentity, { platform, externalId });
      em.create(ChannelIdentity, { platform, externalId, person });
    }
    // A person speaks for one partner: binding them here moves them from any other.
    await em.nativeDelete(PartnerContact, { person: c.id });
    em.create(PartnerContact, { partner, person, primary: c.primary ?? false });
  }
  await em.flush();
  forgetPeople(em); // an identity removed by nativeDelete alone is no change a flush sees
  return partner;
}

/** `华美电镀`, `华美`, or the code `P-PLATING`: a partner as people name it. */
export async function findPartner(em: EntityManager, text: string): Promise<Partner> {
  const t = text.trim();
  const exact = await em.find(Partner, { $or: [{ code: t.toUpperCase() }, { code: t }, { name: t }] });
  if (exact[0]) return exact[0];
  const like = await em.find(Partner, { name: { $like: `%${t.replace(/[%_]/g, '')}%` }, active: true });
  if (like.length === 1 && like[0]) return like[0];
  if (like.length > 1)
    throw new RefusedError(
      'partner_ambiguous',
      m.partnerAmbiguous(
        t,
        like.map((p) => p.name),
      ),
    );
  throw new RefusedError('partner_not_found', m.partnerNotFound(t), { partner: t });
}

/**
 * What a person may see: staff see every order (undefined); a partner contact only their
 * partner's (its code); a partner-role person bound to no partner sees nothing (null).
 */
export async function partnerScopeOf(
  em: EntityManager,
  person: PersonView,
): Promise<string | null | undefined> {
  const staff = person.roles.some((r) => r !== 'partner');
  if (staff) return undefined;
  const binding = await em.findOne(PartnerContact, { person: person.id });
  return binding ? binding.partner.code : null;
}

export async function contactsOf(em: EntityManager, partnerCode: string): Promise<PartnerContact[]> {
  return em.find(
    PartnerContact,
    { partner: partnerCode, person: { active: true } },
    { populate: ['person'], orderBy: { primary: 'desc', id: 'asc' } },
  );
}
