import { unitOf } from '../app-services.js';
import type { EntityManager } from '@mikro-orm/core';
import type { ApiRequest } from '../http/api/api-route.js';
import { defineRoute } from '../http/api/api-route.js';
import { apiActor } from '../http/api/api-actor.js';
import { businessDay, businessInstant } from '../shared/bounds/business-time.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { Changer } from './deps.js';
import { orderSchema, orderView, partnerBodySchema, partnerView, patchSchema } from './api-schemas.js';
import { checkCustomFields } from './custom-fields.js';
import { changeState, createOutsourcingOrder, linkWork, type NewOutsourcingOrder } from './order-service.js';
import { orderInScope } from './order-lookup.js';
import { OutsourcingOrder } from './outsourcing-order.entity.js';
import { PartnerContact } from './partner-contact.entity.js';
import { assertOwnContacts } from './partner-contact-guard.js';
import { contactsOf, upsertPartner, type PartnerInput } from './partner-service.js';
import { Partner } from './partner.entity.js';
import { statesOf } from './states.js';
import { auditReschedule } from './reschedule-service.js';

/** The ERP, as the state history records it: no person, the key's name. */
function changerOf(request: ApiRequest<unknown>): Changer {
  return {
    personId: null,
    name: request.key.name,
    channel: 'api',
    at: request.services.clock.now(),
    partnerSide: false,
  };
}

export const putPartnerRoute = defineRoute<Omit<PartnerInput, 'code'>>({
  method: 'put',
  path: '/partners/:code',
  scope: 'outsourcing:write',
  tag: 'outsourcing',
  summary:
    'Create or update a partner (外协厂) and, when given, exactly its contacts; binding a person or chat account outside this partner also needs people:write',
  body: partnerBodySchema,
  async handle(request) {
    const { em, body, params, services, key } = request;
    const input = { ...body, code: params.code ?? '' };
    if (!key.scopes.includes('people:write')) await assertOwnContacts(em, input);
    const partner = await upsertPartner(em, input, services.clock.now());
    return { body: partnerView(partner, await contactsOf(em, partner.code)) };
  },
});

export const listPartnersRoute = defineRoute({
  method: 'get',
  path: '/partners',
  scope: 'outsourcing:read',
  tag: 'outsourcing',
  summary: 'List partners with their contacts',
  async handle({ em }) {
    const partners = await em.find(Partner, {}, { orderBy: { code: 'asc' } });
    const contacts = await em.find(PartnerContact, {}, { populate: ['person'], orderBy: { id: 'asc' } });
    return {
      body: partners.map((p) =>
        partnerView(
          p,
          contacts.filter((c) => c.partner.code === p.code),
        ),
      ),
    };
  },
});

interface OrderBody {
  number?: string;
  partner: string;
  productCode: string;
  quantity: number;
  expectedReturnAt: string;
  shipDate?: string;
  customer?: string | null;
  process?: string;
  contact?: string | null;
  coordinator?: string | null;
  workOrder?: string | null;
  operation?: string | null;
  notes?: string | null;
  customFields?: Record<string, unknown>;
}

export const createOrderRoute = defineRoute<OrderBody>({
  method: 'post',
  path: '/outsourcing-orders',
  scope: 'outsourcing:write',
  tag: 'outsourcing',
  summary: 'Create an outsourcing order (e.g. when the ERP issues material to a partner)',
  status: 201,
  idempotent: true,
  body: orderSchema,
  async handle(request) {
    const { body, em } = request;
    const now = request.services.clock.now();
    const input: NewOutsourcingOrder = {
      partnerCode: body.partner,
      productCode: body.productCode,
      quantity: body.quantity,
      expectedReturnAt: businessInstant('expectedReturnAt', body.expectedReturnAt, now),
      ...(body.number === undefined ? {} : { number: body.number }),
      ...(body.shipDate === undefined ? {} : { shipDate: businessDay('shipDate', body.shipDate, now) }),
      ...(body.process === undefined ? {} : { process: body.process }),
      ...(body.contact === undefined ? {} : { contactId: body.contact }),
      ...(body.coordinator === undefined ? {} : { coordinatorId: body.coordinator }),
      customer: body.customer ?? null,
      workOrderNumber: body.workOrder ?? null,
      operation: body.operation ?? null,
      notes: body.notes ?? null,
      customFields: body.customFields ?? {},
    };
    const order = await createOutsourcingOrder(
      unitOf(request.services, request.em),
      changerOf(request),
      input,
    );
    await em.flush();
    return { status: 201, body: orderView(order, statesOf(request.services.config.outsourcing)) };
  },
});

interface PatchBody {
  state?: string;
  returnedQuantity?: number;
  expectedReturnAt?: string;
  customer?: string | null;
  notes?: string | null;
  contact?: string | null;
  customFields?: Record<string, unknown>;
  workOrder?: string | null;
  operation?: string | null;
}

export const updateOrderRoute = defineRoute<PatchBody>({
  method: 'patch',
  path: '/outsourcing-orders/:number',
  scope: 'outsourcing:write',
  tag: 'outsourcing',
  summary:
    'Update an outsourcing order; `state` follows the configured transitions; `workOrder`/`operation` link it to the operation the partner does',
  body: patchSchema,
  async handle(request) {
    const { body, em, params, services } = request;
    const states = statesOf(services.config.outsourcing);
    const order = await orderInScope(em, params.number ?? '', undefined);
    if (body.customFields !== undefined) {
      checkCustomFields(services.config.outsourcing, body.customFields);
      order.customFields = body.customFields;
    }
    if (body.expectedReturnAt !== undefined) {
      const before = order.expectedReturnAt;
      order.expectedReturnAt = businessInstant(
        'expectedReturnAt',
        body.expectedReturnAt,
        services.clock.now(),
      );
      // The reminders follow by themselves; who moved it is kept, as when it is moved in chat.
      if (order.expectedReturnAt.getTime() !== before.getTime())
        auditReschedule(em, apiActor(request), order, before, null);
    }
    if (body.customer !== undefined) order.customer = body.customer;
    if (body.notes !== undefined) order.notes = body.notes;
    if (body.contact !== undefined) order.contact = await contactOf(em, order, body.contact);
    if (body.workOrder !== undefined || body.operation !== undefined)
      await linkWork(
        em,
        order,
        body.workOrder === undefined ? (order.workOrder?.number ?? null) : body.workOrder,
        body.operation ?? null,
      );
    if (body.state !== undefined && body.state !== order.state) {
      if (!states.byId(body.state)) {
        throw new ValidationError(`Unknown state "${body.state}".`, { allowed: states.all.map((s) => s.id) });
      }
      await changeState(unitOf(request.services, request.em), changerOf(request), order, body.state, {
        returnedQuantity: body.returnedQuantity,
      });
    }
    await em.flush();
    return { body: orderView(order, states) };
  },
});

async function contactOf(em: EntityManager, order: OutsourcingOrder, personId: string | null) {
  if (personId === null) return null;
  const binding = await em.findOne(
    PartnerContact,
    { partner: order.partner, person: personId },
    { populate: ['person'] },
  );
  if (!binding) throw new ValidationError(`${personId} is not a contact of partner ${order.partner.code}.`);
  return binding.person;
}

export const listOrdersRoute = defineRoute({
  method: 'get',
  path: '/outsourcing-orders',
  scope: 'outsourcing:read',
  tag: 'outsourcing',
  summary: 'List outsourcing orders: open ones by default; ?state=, ?partner=, ?all=true, ?limit=',
  async handle({ em, query, services }) {
    const states = statesOf(services.config.outsourcing);
    const limit = Math.min(Math.max(Number(query.limit ?? 100) || 100, 1), 1000);
    const state =
      query.state === undefined ? (query.all === 'true' ? undefined : { $in: states.open }) : query.state;
    const orders = await em.find(
      OutsourcingOrder,
      {
        ...(state === undefined ? {} : { state }),
        ...(query.partner === undefined ? {} : { partner: query.partner }),
      },
      {
        populate: ['partner', 'workOrder', 'operation'],
        orderBy: { expectedReturnAt: 'asc', id: 'asc' },
        limit,
      },
    );
    return { body: orders.map((o) => orderView(o, states)) };
  },
});

export const getOrderRoute = defineRoute({
  method: 'get',
  path: '/outsourcing-orders/:number',
  scope: 'outsourcing:read',
  tag: 'outsourcing',
  summary: 'One outsourcing order',
  async handle({ em, params, services }) {
    const order = await em.findOne(
      OutsourcingOrder,
      { number: params.number ?? '' },
      { populate: ['partner', 'workOrder', 'operation'] },
    );
    if (!order) throw new NotFoundError('outsourcing order', params.number ?? '');
    return { body: orderView(order, statesOf(services.config.outsourcing)) };
  },
});

export const outsourcingApiRoutes = [
  putPartnerRoute,
  listPartnersRoute,
  createOrderRoute,
  listOrdersRoute,
  getOrderRoute,
  updateOrderRoute,
];
