import type { AnyEntity, EntitySchema } from '@mikro-orm/core';
import { entitiesOf } from './capabilities/assembled.js';
import type { Capability } from './capabilities/capability.js';
import { coreCapabilities } from './capabilities/index.js';
import { DingtalkCallBudget } from './channels/dingtalk/call-budget.entity.js';
import { AuditEntry } from './chat/audit/audit-entry.entity.js';
import { CardInstance } from './chat/cards/card-instance.entity.js';
import { PendingDialog } from './chat/dialogs/pending-dialog.entity.js';
import { InboundRecord } from './chat/inbound/inbound-record.entity.js';
import { OutboxMessage } from './chat/outbox/outbox-message.entity.js';
import { ConnectionLease } from './db/leases/connection-lease.entity.js';
import { NumberSequence } from './db/sequences/number-sequence.entity.js';
import { ApiKey } from './http/api/api-key.entity.js';
import { IdempotencyRecord } from './http/api/idempotency-record.entity.js';
import { DownloadLink } from './http/downloads/download-link.entity.js';
import { AgendaJob, AgendaLogEntry } from './jobs/store/entities.js';
import { MediaAttachment } from './shared/media/media-attachment.entity.js';
import { MediaFile } from './shared/media/media-file.entity.js';

/**
 * What every capability stands on: the chat's records, the outbox, jobs, keys, sequences,
 * download links, and the media store.
 */
const platformEntities = [
  InboundRecord,
  PendingDialog,
  CardInstance,
  OutboxMessage,
  AuditEntry,
  DingtalkCallBudget,
  ConnectionLease,
  ApiKey,
  IdempotencyRecord,
  DownloadLink,
  MediaFile,
  MediaAttachment,
  AgendaJob,
  AgendaLogEntry,
  NumberSequence,
] as unknown as Array<EntitySchema<AnyEntity>>;

/** Every entity of an app made of `capabilities`; the ORM, the migrations and the tests use this. */
export function entitiesFor(capabilities: readonly Capability[]): Array<EntitySchema<AnyEntity>> {
  return [...platformEntities, ...entitiesOf(capabilities)];
}

/** Every entity of the capabilities this repository ships. */
export const entities = entitiesFor(coreCapabilities);
