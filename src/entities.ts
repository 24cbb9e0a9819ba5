import type { AnyEntity, EntitySchema } from '@mikro-orm/core';
import { AuditEntry } from './chat/audit/audit-entry.entity.js';
import { CardInstance } from './chat/cards/card-instance.entity.js';
import { PendingDialog } from './chat/dialogs/pending-dialog.entity.js';
import { InboundRecord } from './chat/inbound/inbound-record.entity.js';
import { OutboxMessage } from './chat/outbox/outbox-message.entity.js';
import { ChannelIdentity } from './people/channel-identity.entity.js';
import { GroupBinding } from './people/group-binding.entity.js';
import { Person } from './people/person.entity.js';
import { Team } from './people/team.entity.js';
import { UnknownSender } from './people/unknown-sender.entity.js';

/** Every entity of the application; the ORM, the migrations and the tests use this one list. */
export const entities = [
  Team,
  Person,
  ChannelIdentity,
  GroupBinding,
  UnknownSender,
  InboundRecord,
  PendingDialog,
  CardInstance,
  OutboxMessage,
  AuditEntry,
] as unknown as EntitySchema<AnyEntity>[];
