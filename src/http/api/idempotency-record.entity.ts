import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ApiKey } from './api-key.entity.js';

/**
 * The answer given to a create sent with an `Idempotency-Key`, kept 24 h so a client that
 * lost the answer can send the same request again and get the same answer, not a second record.
 */
export const IdempotencyRecord = defineEntity({
  name: 'IdempotencyRecord',
  tableName: 'api_idempotency_keys',
  uniques: [{ properties: ['apiKey', 'route', 'idempotencyKey'] }],
  indexes: [{ properties: ['createdAt'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    apiKey: () => p.manyToOne(ApiKey).deleteRule('cascade'),
    /** Method and request path, e.g. `POST /api/v1/work-orders`. */
    route: p.string().length(200),
    idempotencyKey: p.string().length(128),
    /** SHA-256 of the request body: the same key with another body is a client bug, refused. */
    requestHash: p.string().length(64),
    status: p.integer(),
    body: p.json<unknown>(),
    createdAt: p.datetime(3),
  },
});

export type IdempotencyRecord = InferEntity<typeof IdempotencyRecord>;
