import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AGENDA_LOGS_TABLE = 'agenda_logs';

/** One job lifecycle event written by Agenda's job logger (`logging: true`), in UTC. */
export const AgendaLogEntry = defineEntity({
  name: 'AgendaLogEntry',
  tableName: AGENDA_LOGS_TABLE,
  indexes: [
    { properties: ['occurredAt'] },
    { properties: ['jobId', 'occurredAt'] },
    { properties: ['jobName', 'occurredAt'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    /** Agenda's `timestamp`. */
    occurredAt: p.datetime(3),
    level: p.string().length(8),
    event: p.string().length(32),
    jobId: p.string().length(64).nullable(),
    jobName: p.string().length(191),
    message: p.text(),
    duration: p.integer().nullable(),
    error: p.text().nullable(),
    failCount: p.integer().nullable(),
    retryDelay: p.integer().nullable(),
    retryAttempt: p.integer().nullable(),
    agendaName: p.string().length(191).nullable(),
    meta: p.json<Record<string, unknown>>().nullable(),
  },
});

export type AgendaLogEntry = InferEntity<typeof AgendaLogEntry>;
