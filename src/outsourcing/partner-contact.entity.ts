import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import { Partner } from './partner.entity.js';

/**
 * A person (role `partner`) who speaks for a partner. Their chat identities and phone live
 * on the person; this binding is what limits them to their own partner's orders.
 */
export const PartnerContact = defineEntity({
  name: 'PartnerContact',
  tableName: 'outsourcing_partner_contacts',
  properties: {
    id: p.integer().primary().autoincrement(),
    partner: () => p.manyToOne(Partner).deleteRule('cascade'),
    /** A person speaks for one partner at most. */
    person: () => p.manyToOne(Person).deleteRule('cascade').unique(),
    /** The contact new orders name unless told otherwise. */
    primary: p.boolean().default(false),
  },
});

export type PartnerContact = InferEntity<typeof PartnerContact>;
