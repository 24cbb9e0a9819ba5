import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { WebhookSubscription } from './webhook-subscription.entity.js';

export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one subscription, written in the transaction of the change that caused it
 * (the webhooks' outbox). Deliveries of a subscription about the same record (`recordKey`) form
 * a lane that goes out in id order: a later one waits while an earlier one is retried.
 */
export const WebhookDelivery = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_deliveries',
  indexes: [
    { properties: ['status', 'nextAttemptAt'] },
    { properties: ['subscription', 'recordKey', 'status'] },
  ],
  properties: {
    id: p.integer().primary().autoincrement(),
    subscription: () => p.manyToOne(WebhookSubscription),
    /** The event's id, the same in every subscription's copy: receivers drop a repeat by it. */
    eventId: p.string().length(36),
    eventType: p.string().length(64),
    /** The record the event is about, e.g. `work_order:WO-1`: the lane it is ordered in. */
    recordKey: p.string().length(191),
    /** The exact JSON body sent on every attempt (the signature covers these bytes). */
    body: p.text(),
    status: p.string().length(10).$type<DeliveryStatus>(),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime(3),
    leaseUntil: p.datetime(3).nullable(),
    /** The receiver's last HTTP status, null when it could not be reached. */
    lastStatus: p.integer().nullable(),
    lastError: p.string().length(500).nullable(),
    createdAt: p.datetime(3),
    deliveredAt: p.datetime(3).nullable(),
  },
});

export type WebhookDelivery = InferEntity<typeof WebhookDelivery>;
