import type { EntityManager } from '@mikro-orm/core';
import { AppError } from '../shared/errors.js';
import { AccessLink, type AccessLinkKind } from './access-link.entity.js';
import { outsourcingMessages as m } from './messages.js';
import { contactsOf } from './partner-service.js';
import type { Partner } from './partner.entity.js';
import { hashSecretToken, newSecretToken } from '../shared/secret-token.js';

/** A new link: 24 random bytes, of which only the hash is stored. Returns the token once. */
export async function createAccessLink(
  em: EntityManager,
  kind: AccessLinkKind,
  options: { partner?: Partner; createdBy: string | null; now: Date; days: number },
): Promise<{ token: string; link: AccessLink }> {
  const token = newSecretToken();
  const contacts = options.partner ? await contactsOf(em, options.partner.code) : [];
  const link = em.create(AccessLink, {
    kind,
    tokenHash: hashSecretToken(token),
    partner: options.partner ?? null,
    // Changes through the link are the contact's when the partner has exactly one.
    contact: contacts.length === 1 ? (contacts[0]?.person ?? null) : null,
    createdBy: options.createdBy,
    createdAt: options.now,
    expiresAt: new Date(options.now.getTime() + options.days * 86_400_000),
    revokedAt: null,
  });
  await em.flush();
  return { token, link };
}

/** The link behind a token, if it is of this kind, not revoked and not expired; a 403 otherwise. */
export async function verifyAccessLink(
  em: EntityManager,
  token: string,
  kind: AccessLinkKind,
  now: Date,
): Promise<AccessLink> {
  const link = await em.findOne(
    AccessLink,
    { tokenHash: hashSecretToken(token) },
    { populate: ['partner', 'contact'] },
  );
  const valid =
    link !== null &&
    link.kind === kind &&
    link.revokedAt === null &&
    (link.expiresAt == null || link.expiresAt.getTime() > now.getTime()) &&
    (kind !== 'partner' || link.partner?.active === true);
  if (!valid || !link) {
    throw new AppError('link_invalid', 'This link is unknown, expired or revoked.', {
      status: 403,
      userMessage: m.pageLinkInvalid,
    });
  }
  return link;
}

export async function revokePartnerLinks(em: EntityManager, partnerCode: string, now: Date): Promise<number> {
  return em.nativeUpdate(
    AccessLink,
    { partner: partnerCode, kind: 'partner', revokedAt: null },
    { revokedAt: now },
  );
}
