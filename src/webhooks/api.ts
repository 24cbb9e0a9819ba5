import type { FilterQuery } from '@mikro-orm/core';
import { defineRoute } from '../http/api/api-route.js';
import { decodeCursor, pageOf, pageParameters, pageSchema, pageSizeOf } from '../http/api/cursor-page.js';
import { object } from '../http/api/schema-shapes.js';
import { ValidationError } from '../shared/errors.js';
import { replayDelivery } from './delivery-service.js';
import { PUBLIC_EVENT_TYPES } from './event-types.js';
import { createSubscription, removeSubscription, type NewSubscription } from './subscription-service.js';
import { DELIVERY_STATUSES, WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookSubscription } from './webhook-subscription.entity.js';

export const WEBHOOKS_SCOPE = 'webhooks:admin';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const EVENT_NAMES = ['*', ...PUBLIC_EVENT_TYPES.map((t) => t.type)];

const subscriptionSchema = object({
  name: { type: 'string' },
  url: { type: 'string' },
  events: { type: 'array', items: { enum: EVENT_NAMES } },
  source: { enum: ['config', 'api'] },
  active: { type: 'boolean' },
  createdAt: { type: 'string' },
});

const createdSubscriptionSchema = object({
  ...subscriptionSchema.properties,
  secret: { type: 'string', description: 'Shown only in this answer: keep it to verify signatures' },
});

const deliverySchema = object({
  id: { type: 'integer' },
  subscription: { type: 'string' },
  eventId: { type: 'string' },
  eventType: { type: 'string' },
  recordKey: { type: 'string' },
  status: { enum: [...DELIVERY_STATUSES] },
  attempts: { type: 'integer' },
  nextAttemptAt: { type: ['string', 'null'], description: 'When it is tried next (pending only)' },
  lastStatus: { type: ['integer', 'null'], description: "The receiver's last HTTP status" },
  lastError: { type: ['string', 'null'] },
  createdAt: { type: 'string' },
  deliveredAt: { type: ['string', 'null'] },
});

const subscriptionView = (s: WebhookSubscription) => ({
  name: s.name,
  url: s.url,
  events: s.events,
  source: s.source,
  active: s.active,
  createdAt: s.createdAt.toISOString(),
});

const deliveryView = (d: WebhookDelivery) => ({
  id: d.id,
  subscription: d.subscription.name,
  eventId: d.eventId,
  eventType: d.eventType,
  recordKey: d.recordKey,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
  lastStatus: d.lastStatus ?? null,
  lastError: d.lastError ?? null,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: iso(d.deliveredAt),
});

export const listSubscriptionsRoute = defineRoute({
  method: 'get',
  path: '/webhooks',
  scope: WEBHOOKS_SCOPE,
  tag: 'webhooks',
  summary:
    'Webhook subscriptions, from factory.yaml and the API, active or switched off (secrets never shown)',
  response: { type: 'array', items: subscriptionSchema },
  async handle({ em }) {
    const rows = await em.find(WebhookSubscription, {}, { orderBy: { id: 'asc' } });
    return { body: rows.map(subscriptionView) };
  },
});

export const createSubscriptionRoute = defineRoute<NewSubscription>({
  method: 'post',
  path: '/webhooks',
  scope: WEBHOOKS_SCOPE,
  tag: 'webhooks',
  summary:
    'Subscribe a URL to event types (or *); every delivery is signed with the secret (generated when absent, shown once)',
  status: 201,
  idempotent: true,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'url', 'events'],
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9][\\w.-]{0,63}$' },
      url: { type: 'string', pattern: '^https?://', maxLength: 500 },
      events: { type: 'array', minItems: 1, maxItems: 50, items: { enum: EVENT_NAMES } },
      secret: { type: 'string', minLength: 16, maxLength: 200 },
    },
  },
  response: createdSubscriptionSchema,
  async handle({ em, body, services }) {
    const row = await createSubscription(em, body, services.clock.now());
    return { status: 201, body: { ...subscriptionView(row), secret: row.secret } };
  },
});

export const removeSubscriptionRoute = defineRoute({
  method: 'delete',
  path: '/webhooks/:name',
  scope: WEBHOOKS_SCOPE,
  tag: 'webhooks',
  summary:
    'Switch off a subscription made through the API (one in factory.yaml is removed there: 409); its queued deliveries die',
  conflicts: true,
  response: subscriptionSchema,
  async handle({ em, params }) {
    return { body: subscriptionView(await removeSubscription(em, params.name ?? '')) };
  },
});

export const listDeliveriesRoute = defineRoute({
  method: 'get',
  path: '/webhook-deliveries',
  scope: WEBHOOKS_SCOPE,
  tag: 'webhooks',
  summary:
    'The delivery log, newest first, a page at a time; ?status=dead lists the failures, ?subscription=, ?type=, ?record=',
  query: {
    status: { enum: [...DELIVERY_STATUSES] },
    subscription: { type: 'string' },
    type: { type: 'string' },
    record: { type: 'string', description: 'A record key such as work_order:WO-1' },
    ...pageParameters,
  },
  response: pageSchema(deliverySchema),
  async handle({ em, query }) {
    const size = pageSizeOf(query.limit);
    const status = query.status;
    if (status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(status))
      throw new ValidationError(`Unknown status "${status}".`, { allowed: DELIVERY_STATUSES });
    const where: FilterQuery<WebhookDelivery> = {
      ...(query.cursor === undefined ? {} : { id: { $lt: decodeCursor<number>(query.cursor, 'number') } }),
      ...(status === undefined ? {} : { status: status as WebhookDelivery['status'] }),
      ...(query.subscription === undefined ? {} : { subscription: { name: query.subscription } }),
      ...(query.type === undefined ? {} : { eventType: query.type }),
      ...(query.record === undefined ? {} : { recordKey: query.record }),
    };
    const rows = await em.find(WebhookDelivery, where, {
      orderBy: { id: 'desc' },
      limit: size + 1,
      populate: ['subscription'],
    });
    return { body: pageOf(rows, size, (d) => d.id, deliveryView) };
  },
});

export const replayDeliveryRoute = defineRoute({
  method: 'post',
  path: '/webhook-deliveries/:id/replay',
  scope: WEBHOOKS_SCOPE,
  tag: 'webhooks',
  summary:
    'Send a dead delivery again, from its first attempt (409 unless it is dead); later events of its record wait for it',
  conflicts: true,
  response: deliverySchema,
  async handle({ em, params, services }) {
    const id = Number(params.id);
    if (!Number.isInteger(id) || id <= 0)
      throw new ValidationError('The delivery id is a positive whole number.', {
        errors: ['path.id: integer'],
      });
    return { body: deliveryView(await replayDelivery(em, id, services.clock.now())) };
  },
});

export const webhookApiRoutes = [
  listSubscriptionsRoute,
  createSubscriptionRoute,
  removeSubscriptionRoute,
  listDeliveriesRoute,
  replayDeliveryRoute,
];
