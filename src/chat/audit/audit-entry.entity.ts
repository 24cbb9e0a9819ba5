import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Who changed what, when, through which channel and which inbound event. Never updated. */
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_log',
  indexes: [{ properties: ['subjectType', 'subjectId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    at: p.datetime(3),
    actorId: p.string().length(64).nullable(),
    channel: p.string().length(16),
    inboundEventId: p.bigint('number').nullable(),
    action: p.string().length(64),
    subjectType: p.string().length(32),
    subjectId: p.string().length(64),
    details: p.json<Record<string, unknown>>(),
  },
});

export type AuditEntry = InferEntity<typeof AuditEntry>;
