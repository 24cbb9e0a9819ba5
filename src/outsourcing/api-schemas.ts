import type { OutsourcingOrder } from './outsourcing-order.entity.js';
import type { PartnerContact } from './partner-contact.entity.js';
import type { Partner } from './partner.entity.js';
import type { OutsourcingStates } from './states.js';

/** The request and response shapes of the outsourcing API, for ajv and the OpenAPI document. */

const id = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;
const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;
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
    name: { type: 'string', minLength: 1, maxLength: 100 },
    process: { type: 'string', minLength: 1, maxLength: 64 },
    active: { type: 'boolean' },
    contacts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name'],
        properties: {
          id,
          name: { type: 'string', minLength: 1, maxLength: 100 },
          phone: { type: ['string', 'null'], pattern: '^\\+?[0-9-]{5,20}$' },
          wecom: { type: ['string', 'null'], minLength: 1, maxLength: 128 },
          dingtalk: { type: ['string', 'null'], minLength: 1, maxLength: 128 },
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
    number: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,32}$' },
    partner: { type: 'string', minLength: 1, maxLength: 32 },
    productCode: { type: 'string', minLength: 1, maxLength: 64 },
    quantity: { type: 'integer', minimum: 1 },
    expectedReturnAt: instant,
    shipDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    customer: nullableText(100),
    process: { type: 'string', minLength: 1, maxLength: 64 },
    contact: { type: ['string', 'null'] },
    coordinator: { type: ['string', 'null'] },
    workOrder: { type: ['string', 'null'] },
    operation: { type: ['string', 'null'] },
    notes: nullableText(2000),
    customFields: { type: 'object' },
  },
};

export const patchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    state: { type: 'string', minLength: 1, maxLength: 32 },
    /** Required with a returned `state`: how many pieces came back this time. */
    returnedQuantity: { type: 'integer', minimum: 1 },
    expectedReturnAt: instant,
    customer: nullableText(100),
    notes: nullableText(2000),
    contact: { type: ['string', 'null'] },
    customFields: { type: 'object' },
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
    notes: order.notes ?? null,
    customFields: order.customFields,
    state: order.state,
    stateName: states.nameOf(order.state),
  };
}
