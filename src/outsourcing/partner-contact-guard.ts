import type { EntityManager } from '@mikro-orm/core';
import { ChannelIdentity } from '../people/channel-identity.entity.js';
import { Person } from '../people/person.entity.js';
import { AppError } from '../shared/errors.js';
import { PartnerContact } from './partner-contact.entity.js';
import type { PartnerInput } from './partner-service.js';

/** A partner upsert reached for someone else's person or chat identity without `people:write`. */
export class ContactTakeoverError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super('people_write_required', message, { status: 403, details });
  }
}

/**
 * An ERP key that manages partners may create and edit only that partner's own contacts:
 * binding an existing staff member, another partner's contact, or a chat identity someone else
 * holds would let it take over that person's conversations (the morning digest, a
 * supervisor's approvals). Those moves need `people:write`; nothing is changed before this passes.
 */
export async function assertOwnContacts(em: EntityManager, input: PartnerInput): Promise<void> {
  for (const contact of input.contacts ?? []) {
    const person = await em.findOne(Person, contact.id);
    if (person) {
      const binding = await em.findOne(PartnerContact, { person: contact.id });
      const own =
        person.roles.every((r) => r === 'partner') && (!binding || binding.partner.code === input.code);
      if (!own) {
        throw new ContactTakeoverError(
          `Contact "${contact.id}" is not a contact of partner ${input.code}; binding them needs the scope "people:write".`,
          { contact: contact.id },
        );
      }
    }
    for (const platform of ['wecom', 'dingtalk'] as const) {
      const externalId = contact[platform];
      if (externalId === undefined || externalId === null) continue;
      const holder = await em.findOne(ChannelIdentity, { platform, externalId });
      if (holder && holder.person.id !== contact.id) {
        throw new ContactTakeoverError(
          `The ${platform} account "${externalId}" belongs to someone else; moving it needs the scope "people:write".`,
          { contact: contact.id, platform },
        );
      }
    }
  }
}
