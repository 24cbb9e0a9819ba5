import { columnLength, columnText, nullableColumnText } from '../http/api/column-schema.js';
import { ChannelIdentity } from '../people/channel-identity.entity.js';
import { Person } from '../people/person.entity.js';
import { MAX_QUANTITY } from '../shared/bounds/limits.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { OutsourcingOrder } from './outsourcing-order.entity.js';
import type { PartnerContact } from './partner-contact.entity.js';
import { Partner } from './partner.entity.js';
import type { OutsourcingStates } from './states.js';

/** The request and response shapes of the outsourcing API, for ajv and the OpenAPI document. */

const id = { type: 'string', pattern: `^[A-Za-z0-9_.-]{1,${columnLength(Person, 'id')}}$` } as const;
const personRef = nullableColumnText(Person, 'id');
const chatIdentity = { ...columnText(ChannelIdentity, 'externalId'), type: ['string', 'null'] } as const;
const quantity = { type: 'integer', minimum: 1, maximum: MAX_QUANTITY } as const;
/** Only the shape; the window (2000 to five years ahead) is checked against the clock when read. */
const instant = {
  type: 'string',
  description: 'ISO 8601 with an offset, e.g. 2026-11-28T14:00:00+08:00',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
} as const;

export const partnerBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'process'],
  properties: {
    name: columnText(Partner, 'name'),
    process: columnText(Partner, 'process'),
    active: { type: 'boolean' },
    contacts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name'],
        properties: {
          id,
          name: columnText(Person, 'name'),
          phone: { type: ['string', 'null'], pattern: '^\\+?[0-9-]{5,20}$' },
          wecom: chatIdentity,
          dingtalk: chatIdentity,
          primary: { type: 'boolean' },
        },
      },
    },
  },
};

export const orderSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['partner', 'productCode', 'quantity', 'expectedReturnAt'],
  properties: {
    number: { type: 'string', pattern: `^[A-Za-z0-9_.-]{1,${columnLength(OutsourcingOrder, 'number')}}$` },
    partner: columnText(Partner, 'code'),
    productCode: columnText(OutsourcingOrder, 'productCode'),
    quantity,
    expectedReturnAt: instant,
    shipDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    customer: nullableColumnText(OutsourcingOrder, 'customer'),
    process: columnText(OutsourcingOrder, 'process'),
    contact: personRef,
    coordinator: personRef,
    workOrder: nullableColumnText(WorkOrder, 'number'),
    operation: nullableColumnText(OperationTask, 'name'),
    notes: { type: ['string', 'null'], maxLength: 2000 },
    customFields: { type: 'object' },
  },
};

export const patchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    state: columnText(OutsourcingOrder, 'state'),
    /** Required with a returned `state`: how many pieces came back this time. */
    returnedQuantity: quantity,
    expectedReturnAt: instant,
    customer: nullableColumnText(OutsourcingOrder, 'customer'),
    notes: { type: ['string', 'null'], maxLength: 2000 },
    contact: personRef,
    customFields: { type: 'object' },
    /** Links the order to the work order it was sent for (null unlinks); `operation` needs it. */
    workOrder: nullableColumnText(WorkOrder, 'number'),
    operation: nullableColumnText(OperationTask, 'name'),
  },
};

export function partnerView(partner: Partner, contacts: PartnerContact[]) {
  return {
    code: partner.code,
    name: partner.name,
    process: partner.process,
    active: partner.active,
    contacts: contacts.map((c) => ({
      id: c.person.id,
      name: c.person.name,
      phone: c.person.phone ?? null,
      primary: c.primary,
    })),
  };
}

export function orderView(order: OutsourcingOrder, states: OutsourcingStates) {
  return {
    number: order.number,
    partner: order.partner.code,
    customer: order.customer ?? null,
    productCode: order.productCode,
    quantity: order.quantity,
    shipDate: order.shipDate,
    expectedReturnAt: order.expectedReturnAt.toISOString(),
    actualReturnAt: order.actualReturnAt?.toISOString() ?? null,
    returnedQuantity: order.returnedQuantity,
    qcResult: order.qcResult ?? null,
    qcNote: order.qcNote ?? null,
    process: order.process,
    contact: order.contact?.id ?? null,
    coordinator: order.coordinator?.id ?? null,
    workOrder: order.workOrder?.number ?? null,
    /** The work order's operation the partner does: QC-accepted pieces are its good output. */
    operation: order.operation ? { sequence: order.operation.sequence, name: order.operation.name } : null,
    notes: order.notes ?? null,
    customFields: order.customFields,
    state: order.state,
    stateName: states.nameOf(order.state),
  };
}
