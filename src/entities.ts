import type { AnyEntity, EntitySchema } from '@mikro-orm/core';
import { AuditEntry } from './chat/audit/audit-entry.entity.js';
import { CardInstance } from './chat/cards/card-instance.entity.js';
import { PendingDialog } from './chat/dialogs/pending-dialog.entity.js';
import { DingtalkCallBudget } from './channels/dingtalk/call-budget.entity.js';
import { ConnectionLease } from './db/leases/connection-lease.entity.js';
import { InboundRecord } from './chat/inbound/inbound-record.entity.js';
import { OutboxMessage } from './chat/outbox/outbox-message.entity.js';
import { ChannelIdentity } from './people/channel-identity.entity.js';
import { GroupBinding } from './people/group-binding.entity.js';
import { Person } from './people/person.entity.js';
import { Team } from './people/team.entity.js';
import { UnknownSender } from './people/unknown-sender.entity.js';
import { ApiKey } from './http/api/api-key.entity.js';
import { NumberSequence } from './db/sequences/number-sequence.entity.js';
import { AgendaJob, AgendaLogEntry } from './jobs/store/entities.js';
import { Downtime } from './equipment/downtime.entity.js';
import { EquipmentNotice } from './equipment/equipment-notice.entity.js';
import { Equipment } from './equipment/equipment.entity.js';
import { MaintenanceCycle } from './equipment/maintenance/maintenance-cycle.entity.js';
import { MaintenancePlan } from './equipment/maintenance/maintenance-plan.entity.js';
import { MaintenanceTask } from './equipment/maintenance/maintenance-task.entity.js';
import { RepairStep } from './equipment/repairs/repair-step.entity.js';
import { RepairTicket } from './equipment/repairs/repair-ticket.entity.js';
import { EvaluationCursor } from './incentives/evaluation-cursor.entity.js';
import { PointEntry } from './incentives/point-entry.entity.js';
import { MaterialIssue } from './materials/material-issue.entity.js';
import { MaterialLot } from './materials/material-lot.entity.js';
import { AccessLink } from './outsourcing/access-link.entity.js';
import { OutsourcingOrder } from './outsourcing/outsourcing-order.entity.js';
import { PartnerContact } from './outsourcing/partner-contact.entity.js';
import { Partner } from './outsourcing/partner.entity.js';
import { OutsourcingPhoto } from './outsourcing/photo.entity.js';
import { OutsourcingReminder } from './outsourcing/reminder.entity.js';
import { ReturnReceipt } from './outsourcing/return-receipt.entity.js';
import { OutsourcingStateChange } from './outsourcing/state-change.entity.js';
import { Item } from './workorders/item.entity.js';
import { OperationTask } from './workorders/operation-task.entity.js';
import { ProductionException } from './workorders/production-exception.entity.js';
import { RoutingStep } from './workorders/routing-step.entity.js';
import { WorkOrder } from './workorders/work-order.entity.js';
import { WorkReport } from './workorders/work-report.entity.js';

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
  DingtalkCallBudget,
  ConnectionLease,
  ApiKey,
  Equipment,
  MaintenancePlan,
  MaintenanceCycle,
  MaintenanceTask,
  RepairTicket,
  RepairStep,
  Downtime,
  EquipmentNotice,
  Item,
  RoutingStep,
  WorkOrder,
  OperationTask,
  WorkReport,
  ProductionException,
  MaterialLot,
  MaterialIssue,
  Partner,
  PartnerContact,
  OutsourcingOrder,
  OutsourcingStateChange,
  ReturnReceipt,
  OutsourcingPhoto,
  OutsourcingReminder,
  AccessLink,
  PointEntry,
  EvaluationCursor,
  AgendaJob,
  AgendaLogEntry,
  NumberSequence,
] as unknown as EntitySchema<AnyEntity>[];
