import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A key an integrator (often a finance clerk wiring up the ERP) puts in `Authorization:
 * Bearer …`. Only its SHA-256 is stored; the key itself is shown once, when it is made.
 */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(100),
    /** The first characters of the key, so people can tell their keys apart. */
    prefix: p.string().length(12),
    hash: p.string().length(64).unique(),
    scopes: p.json<string[]>(),
    createdAt: p.datetime(3),
    revokedAt: p.datetime(3).nullable(),
    lastUsedAt: p.datetime(3).nullable(),
  },
});

export type ApiKey = InferEntity<typeof ApiKey>;
