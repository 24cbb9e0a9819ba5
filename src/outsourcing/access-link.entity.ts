import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import { Partner } from './partner.entity.js';

export type AccessLinkKind = 'partner' | 'board';

/**
 * A link that opens a page without a login: a partner's order page or the control-room
 * board. Only a hash of its token is kept, so the table cannot be used to forge one.
 */
export const AccessLink = defineEntity({
  name: 'AccessLink',
  tableName: 'outsourcing_access_links',
  properties: {
    id: p.integer().primary().autoincrement(),
    kind: p.string().length(16).$type<AccessLinkKind>(),
    tokenHash: p.string().length(64).unique(),
    partner: () => p.manyToOne(Partner).nullable(),
    /** The partner contact the link was made for: their name goes into the history. */
    contact: () => p.manyToOne(Person).nullable(),
    createdBy: p.string().length(64).nullable(),
    createdAt: p.datetime(3),
    expiresAt: p.datetime(3).nullable(),
    revokedAt: p.datetime(3).nullable(),
  },
});

export type AccessLink = InferEntity<typeof AccessLink>;
