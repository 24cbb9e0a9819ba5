import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { AppError, RefusedError } from '../../shared/errors.js';
import { apiKeyMessages as m } from './messages.js';
import { ApiKey } from './api-key.entity.js';

/**
 * Refuses scopes no capability declares; the scopes come from the capabilities the app is made
 * of (src/capabilities), so a plugin's routes bring their own.
 */
export function checkScopes(scopes: readonly string[], known: readonly string[]): void {
  const unknown = scopes.filter((s) => !known.includes(s));
  if (unknown.length > 0)
    throw new RefusedError('unknown_scope', m.unknownScopes(unknown, known), { unknown });
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createApiKey(
  em: EntityManager,
  name: string,
  scopes: string[],
  now: Date,
): Promise<string> {
  const key = `sfb_${randomBytes(24).toString('base64url')}`;
  em.create(ApiKey, { name, prefix: key.slice(0, 12), hash: hashOf(key), scopes, createdAt: now });
  await em.flush();
  return key;
}

export async function revokeApiKey(em: EntityManager, prefix: string, now: Date): Promise<number> {
  return em.nativeUpdate(ApiKey, { prefix, revokedAt: null }, { revokedAt: now });
}

/** The key's record when it is valid and carries the scope; a typed refusal otherwise. */
export async function authorize(
  em: EntityManager,
  header: string | undefined,
  scope: string,
  now: Date,
): Promise<ApiKey> {
  const key = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!key)
    throw new AppError('unauthenticated', 'Send the API key as "Authorization: Bearer <key>".', {
      status: 401,
    });
  const record = await em.findOne(ApiKey, { hash: hashOf(key) });
  if (!record || record.revokedAt)
    throw new AppError('invalid_api_key', 'This API key is unknown or revoked.', { status: 401 });
  // The refusal names what is needed, never what the key holds: a leaked key must not learn its reach.
  if (!record.scopes.includes(scope)) {
    throw new AppError('missing_scope', `This API key lacks the scope "${scope}".`, {
      status: 403,
      details: { required: scope },
    });
  }
  record.lastUsedAt = now;
  await em.flush();
  return record;
}
