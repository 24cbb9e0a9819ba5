import type { EntityManager } from '@mikro-orm/core';
import type { ExportFile } from '../erp/export-file.entity.js';
import type { FormSubmission } from '../forms/form-submission.entity.js';
import type { OutsourcingInspection } from '../outsourcing/inspection.entity.js';
import type { MaintenanceTask } from '../equipment/maintenance/maintenance-task.entity.js';
import type { RepairTicket } from '../equipment/repairs/repair-ticket.entity.js';
import type { DomainEventName, DomainEvents } from '../events/domain-events.js';
import type { OutsourcingOrder } from '../outsourcing/outsourcing-order.entity.js';
import type { OutsourcingStateChange } from '../outsourcing/state-change.entity.js';
import type { Inspection } from '../quality/inspections/inspection.entity.js';
import { scrapLabel, type ScrapRequest } from '../quality/scrap/scrap-request.entity.js';
import type { ProductionException } from '../workorders/production-exception.entity.js';
import type { WorkOrder } from '../workorders/work-order.entity.js';
import type { WorkReport } from '../workorders/work-report.entity.js';

/**
 * The public face of the domain events: each webhook event type, the domain event it comes
 * from, the record it is about (deliveries about one record arrive in order) and its JSON.
 * This file is the contract receivers code against; the README lists the types.
 */
export interface PublicEvent {
  /** `<kind>:<key>` of the record, e.g. `work_order:WO-1`: its deliveries go out in order. */
  recordKey: string;
  data: Record<string, unknown>;
}

export interface PublicEventType<N extends DomainEventName = DomainEventName> {
  /** The type receivers see, `<record>.<what happened>`. */
  type: string;
  event: N;
  description: string;
  /** Whether this payload is one of this type, when one domain event has several (批准 / 驳回); all when absent. */
  applies?(payload: DomainEvents[N]): boolean;
  /** The record key and JSON; ids are set (the subscriber flushed), relations may need loading. */
  toPublic(payload: DomainEvents[N], em: EntityManager): Promise<PublicEvent>;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function define<N extends DomainEventName>(t: PublicEventType<N>): PublicEventType {
  return t as unknown as PublicEventType;
}

async function reportData(em: EntityManager, report: WorkReport) {
  await em.populate(report, ['task.workOrder', 'person', 'equipment', 'reverses']);
  return {
    id: report.id,
    workOrder: report.task.workOrder.number,
    operation: report.task.sequence,
    operationName: report.task.name,
    person: report.person.id,
    reportedAt: iso(report.reportedAt),
    good: report.good,
    scrap: report.scrap,
    minutes: report.minutes,
    equipment: report.equipment?.code ?? null,
    channel: report.channel,
    reverses: report.reverses?.id ?? null,
  };
}

async function orderData(em: EntityManager, order: WorkOrder) {
  await em.populate(order, ['item']);
  return {
    number: order.number,
    item: order.item.code,
    quantity: order.quantity,
    dueDate: order.dueDate,
    status: order.status,
    releasedAt: iso(order.releasedAt),
    completedAt: iso(order.completedAt),
  };
}

async function exceptionData(em: EntityManager, exception: ProductionException, orderNumber: string | null) {
  await em.populate(exception, ['task', 'raisedBy', 'closedBy']);
  return {
    id: exception.id,
    ref: `E${exception.id}`,
    kind: exception.kind,
    workOrder: orderNumber,
    operation: exception.task?.sequence ?? null,
    reason: exception.reason,
    status: exception.status,
    raisedBy: exception.raisedBy.id,
    raisedAt: iso(exception.raisedAt),
    closedBy: exception.closedBy?.id ?? null,
    closedAt: iso(exception.closedAt),
    closeNote: exception.closeNote ?? null,
  };
}

async function outsourcingData(em: EntityManager, order: OutsourcingOrder, change: OutsourcingStateChange) {
  await em.populate(order, ['partner']);
  return {
    number: order.number,
    partner: order.partner.code,
    productCode: order.productCode,
    quantity: order.quantity,
    returnedQuantity: order.returnedQuantity,
    from: change.fromState ?? null,
    to: change.toState,
    at: iso(change.at),
    channel: change.channel,
    note: change.note ?? null,
  };
}

async function maintenanceData(em: EntityManager, task: MaintenanceTask) {
  await em.populate(task, ['plan', 'equipment']);
  return {
    id: task.id,
    equipment: task.equipment.code,
    plan: task.plan.code,
    status: task.status,
    deadline: iso(task.deadline),
    note: task.note ?? null,
  };
}

async function repairData(em: EntityManager, ticket: RepairTicket) {
  await em.populate(ticket, ['equipment']);
  return { id: ticket.id, equipment: ticket.equipment.code, symptom: ticket.symptom };
}

async function inspectionData(em: EntityManager, inspection: Inspection, orderNumber: string) {
  await em.populate(inspection, ['task', 'inspector']);
  return {
    id: inspection.id,
    kind: inspection.kind,
    workOrder: orderNumber,
    operation: inspection.task.sequence,
    inspector: inspection.inspector.id,
    at: iso(inspection.at),
    accepted: inspection.accepted,
    rejected: inspection.rejected,
    rework: inspection.rework,
    reasonCode: inspection.reasonCode ?? null,
  };
}

async function scrapData(em: EntityManager, request: ScrapRequest) {
  await em.populate(request, ['task.workOrder', 'requestedBy', 'decidedBy', 'posted']);
  return {
    id: request.id,
    ref: scrapLabel(request.id),
    workOrder: request.task.workOrder.number,
    operation: request.task.sequence,
    quantity: request.quantity,
    reasonCode: request.reasonCode ?? null,
    status: request.status,
    requestedBy: request.requestedBy.id,
    requestedAt: iso(request.requestedAt),
    decidedBy: request.decidedBy?.id ?? null,
    decidedAt: iso(request.decidedAt),
    decisionNote: request.decisionNote ?? null,
    postedReport: request.posted?.id ?? null,
  };
}

async function formData(
  em: EntityManager,
  submission: FormSubmission,
  formName: string,
  alarms: readonly string[],
) {
  await em.populate(submission, ['filledBy']);
  return {
    id: submission.id,
    form: submission.formKey,
    formName,
    subjectKind: submission.subjectKind,
    subject: submission.subjectKey ?? null,
    team: submission.teamId ?? null,
    filledBy: submission.filledBy.id,
    period: submission.periodKey ?? null,
    answers: submission.answers,
    alarms: [...alarms],
    supersedes: submission.supersedes ?? null,
    createdAt: iso(submission.createdAt),
  };
}

async function outsourcingQcData(
  em: EntityManager,
  order: OutsourcingOrder,
  inspection: OutsourcingInspection,
  orderNumber: string | null,
) {
  await em.populate(inspection, ['inspector', 'concessionApprover']);
  return {
    id: inspection.id,
    order: order.number,
    workOrder: orderNumber,
    at: iso(inspection.at),
    inspector: inspection.inspector.id,
    channel: inspection.channel,
    accepted: inspection.accepted,
    concession: inspection.concession,
    concessionApprover: inspection.concessionApprover?.id ?? null,
    rejected: inspection.rejected,
    rework: inspection.rework,
    reasonCode: inspection.reasonCode ?? null,
  };
}

const exportData = (file: ExportFile, files: string[]) => ({
  id: file.id,
  kind: file.kind,
  from: file.fromDate,
  to: file.toDate,
  files,
  reportRows: file.reportRows,
  issueRows: file.issueRows,
});

export const PUBLIC_EVENT_TYPES: readonly PublicEventType[] = [
  define({
    type: 'work_report.created',
    event: 'workorders.report_recorded',
    description: 'A 报工 was stored (a work report with good and scrap pieces)',
    async toPublic({ report }, em) {
      const data = await reportData(em, report);
      return { recordKey: `work_order:${data.workOrder}`, data };
    },
  }),
  define({
    type: 'work_report.reversed',
    event: 'workorders.report_reversed',
    description:
      'A report was taken back (撤销 `undo` / 更正 `correction`): `reversal` carries the negative quantities',
    async toPublic({ original, reversal, kind }, em) {
      const data = await reportData(em, reversal);
      return {
        recordKey: `work_order:${data.workOrder}`,
        data: { original: original.id, kind, reversal: data },
      };
    },
  }),
  define({
    type: 'work_order.released',
    event: 'workorders.order_released',
    description: 'A planned work order was released to the shop floor (下达)',
    async toPublic({ order }, em) {
      return { recordKey: `work_order:${order.number}`, data: await orderData(em, order) };
    },
  }),
  define({
    type: 'work_order.completed',
    event: 'workorders.order_completed',
    description: 'The last operation of a work order was done',
    async toPublic({ order }, em) {
      return { recordKey: `work_order:${order.number}`, data: await orderData(em, order) };
    },
  }),
  define({
    type: 'exception.raised',
    event: 'workorders.exception_raised',
    description: 'A production exception (缺料, 设备故障, 质量问题…) was raised',
    async toPublic({ exception, orderNumber }, em) {
      return {
        recordKey: `exception:${exception.id}`,
        data: await exceptionData(em, exception, orderNumber),
      };
    },
  }),
  define({
    type: 'exception.closed',
    event: 'workorders.exception_closed',
    description: 'A production exception was closed',
    async toPublic({ exception, orderNumber }, em) {
      return {
        recordKey: `exception:${exception.id}`,
        data: await exceptionData(em, exception, orderNumber),
      };
    },
  }),
  define({
    type: 'outsourcing_order.state_changed',
    event: 'outsourcing.state_changed',
    description: 'An outsourcing order was created (`from` null) or moved to another state',
    async toPublic({ order, change }, em) {
      return {
        recordKey: `outsourcing_order:${order.number}`,
        data: await outsourcingData(em, order, change),
      };
    },
  }),
  define({
    type: 'repair.step',
    event: 'equipment.repair_step',
    description: 'A repair ticket moved: reported, accepted, repairing, verifying, archived',
    async toPublic({ ticket, from, to, at, by, note }, em) {
      return {
        recordKey: `repair_ticket:${ticket.id}`,
        data: { ...(await repairData(em, ticket)), from, to, at: iso(at), by, note },
      };
    },
  }),
  define({
    type: 'maintenance.step',
    event: 'equipment.maintenance_step',
    description: 'A maintenance task was accepted, done or postponed',
    async toPublic({ task, step, at, by }, em) {
      return {
        recordKey: `maintenance_task:${task.id}`,
        data: { ...(await maintenanceData(em, task)), step, at: iso(at), by },
      };
    },
  }),
  define({
    type: 'inspection.recorded',
    event: 'quality.inspection_recorded',
    description:
      'QC recorded a first-article (首检), patrol (巡检), final (终检) or outsourced-return inspection',
    async toPublic({ inspection, orderNumber }, em) {
      return {
        recordKey: `work_order:${orderNumber}`,
        data: await inspectionData(em, inspection, orderNumber),
      };
    },
  }),
  define({
    type: 'scrap.requested',
    event: 'quality.scrap_requested',
    description: 'Scrap over the approval threshold waits for an approver (报废申请); not posted yet',
    async toPublic({ request }, em) {
      const data = await scrapData(em, request);
      return { recordKey: `work_order:${data.workOrder}`, data };
    },
  }),
  define({
    type: 'scrap.approved',
    event: 'quality.scrap_decided',
    description: 'An approver approved a scrap request: `postedReport` is the report that posted it',
    applies: ({ approved }) => approved,
    async toPublic({ request, minutes }, em) {
      const data = await scrapData(em, request);
      return { recordKey: `work_order:${data.workOrder}`, data: { ...data, minutes } };
    },
  }),
  define({
    type: 'scrap.rejected',
    event: 'quality.scrap_decided',
    description: 'An approver rejected a scrap request (驳回): nothing was posted',
    applies: ({ approved }) => !approved,
    async toPublic({ request, minutes }, em) {
      const data = await scrapData(em, request);
      return { recordKey: `work_order:${data.workOrder}`, data: { ...data, minutes } };
    },
  }),
  define({
    type: 'outsourcing_order.qc_recorded',
    event: 'outsourcing.qc_recorded',
    description: 'QC counted pieces back from a partner (外协质检): accepted, concession, rejected, rework',
    async toPublic({ order, inspection, task }, em) {
      if (task) await em.populate(task, ['workOrder']);
      return {
        recordKey: `outsourcing_order:${order.number}`,
        data: await outsourcingQcData(em, order, inspection, task?.workOrder.number ?? null),
      };
    },
  }),
  define({
    type: 'form.submitted',
    event: 'forms.submitted',
    description: 'A form (点检表, 交接班记录…) was filled in; `alarms` are the fields that alarmed',
    async toPublic({ submission, formName, alarms }, em) {
      return {
        recordKey: `form:${submission.formKey}`,
        data: await formData(em, submission, formName, alarms),
      };
    },
  }),
  define({
    type: 'erp.export_written',
    event: 'erp.export_written',
    description: 'The nightly ERP files for a production day are in the export folder',
    async toPublic({ export: file, files }) {
      return { recordKey: `erp_export:${file.id}`, data: exportData(file, files) };
    },
  }),
];

/** The public types a domain event's payload becomes: scrap_decided is approved or rejected. */
export function publicTypesOf(event: DomainEventName, payload: unknown): PublicEventType[] {
  return PUBLIC_EVENT_TYPES.filter((t) => t.event === event && (t.applies?.(payload as never) ?? true));
}
