import type { EntityManager } from '@mikro-orm/core';
import type { PersonView } from '../../people/person-view.js';
import { AuditEntry } from './audit-entry.entity.js';

/**
 * Who is changing something, through which channel and which inbound event, and when:
 * what every service needs to record its changes, whether the call came from chat, the API or a job.
 */
export interface Actor {
  person: PersonView;
  channel: string;
  inboundEventId: number | null;
  at: Date;
}

export function recordAudit(
  em: EntityManager,
  actor: Actor,
  action: string,
  subjectType: string,
  subjectId: string | number,
  details: Record<string, unknown> = {},
): void {
  em.create(AuditEntry, {
    at: actor.at,
    actorId: actor.person.id,
    channel: actor.channel,
    inboundEventId: actor.inboundEventId,
    action,
    subjectType,
    subjectId: String(subjectId),
    details,
  });
}
