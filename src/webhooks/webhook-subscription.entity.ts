import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Where a subscription was declared: factory.yaml (kept in line at start-up) or the API. */
export type SubscriptionSource = 'config' | 'api';

/**
 * A receiver of signed webhooks: its URL, the public event types it wants and the secret its
 * deliveries are signed with. One removed from factory.yaml or through the API is switched off,
 * not deleted, so its delivery log stays readable.
 */
export const WebhookSubscription = defineEntity({
  name: 'WebhookSubscription',
  tableName: 'webhook_subscriptions',
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(64).unique(),
    url: p.string().length(500),
    /** Public event types (event-types.ts), or `*` for all of them. */
    events: p.json<string[]>(),
    secret: p.string().length(200),
    source: p.string().length(8).$type<SubscriptionSource>(),
    active: p.boolean().default(true),
    createdAt: p.datetime(3),
  },
});

export type WebhookSubscription = InferEntity<typeof WebhookSubscription>;
