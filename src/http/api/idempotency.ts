import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { AppError, ConflictError, ValidationError } from '../../shared/errors.js';
import type { ApiKey } from './api-key.entity.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

const KEPT_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** Which request a stored answer belongs to: one API key, one method and path, one client key. */
export interface IdempotencyScope {
  apiKey: ApiKey;
  route: string;
  key: string;
  body: unknown;
}

export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  if (!KEY_PATTERN.test(header))
    throw new ValidationError('Idempotency-Key must be 1 to 128 printable ASCII characters.', {
      errors: ['header.Idempotency-Key: invalid'],
    });
  return header;
}

const hashOf = (body: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');

/**
 * The answer already given to this request, if it was made in the last 24 h; a refusal when
 * the key was used for a different body (the client reused a key by mistake, and replaying
 * the other answer would hide that).
 */
export async function storedAnswer(
  em: EntityManager,
  scope: IdempotencyScope,
  now: Date,
): Promise<{ status: number; body: unknown } | undefined> {
  const record = await em.findOne(IdempotencyRecord, {
    apiKey: scope.apiKey,
    route: scope.route,
    idempotencyKey: scope.key,
  });
  if (!record) return undefined;
  if (record.createdAt.getTime() <= now.getTime() - KEPT_MS) {
    em.remove(record);
    await em.flush();
    return undefined;
  }
  if (record.requestHash !== hashOf(scope.body)) {
    throw new AppError(
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different request body in the last 24 hours.',
      { status: 422, details: { idempotencyKey: scope.key } },
    );
  }
  return { status: record.status, body: record.body };
}

/**
 * Keeps the answer in the same transaction as the change it reports: both are there or
 * neither. Two requests racing with one key meet at the unique index; the loser is refused.
 */
export async function storeAnswer(
  em: EntityManager,
  scope: IdempotencyScope,
  answer: { status: number; body: unknown },
  now: Date,
): Promise<void> {
  await em.nativeDelete(IdempotencyRecord, { createdAt: { $lte: new Date(now.getTime() - KEPT_MS) } });
  em.create(IdempotencyRecord, {
    apiKey: scope.apiKey,
    route: scope.route,
    idempotencyKey: scope.key,
    requestHash: hashOf(scope.body),
    status: answer.status,
    body: answer.body,
    createdAt: now,
  });
  try {
    await em.flush();
  } catch (error: unknown) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    throw new ConflictError(
      'idempotency_key_in_use',
      'Another request with this Idempotency-Key was being answered; send it again to get its answer.',
      { idempotencyKey: scope.key },
    );
  }
}
