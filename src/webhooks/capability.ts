import { defineCapability } from '../capabilities/capability.js';
import { webhookApiRoutes, WEBHOOKS_SCOPE } from './api.js';
import { webhooksConfig } from './config.js';
import { webhookSubscribers } from './delivery-service.js';
import { deliverWebhooksJob } from './jobs/deliver-webhooks.job.js';
import { syncWebhookSubscriptions } from './subscription-service.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookSubscription } from './webhook-subscription.entity.js';

/**
 * Signed webhooks: the domain events other systems care about (event-types.ts), delivered
 * through an outbox to the subscribed URLs, in order per record, retried until delivered or dead.
 */
export const webhooksCapability = defineCapability({
  name: 'webhooks',
  entities: [WebhookSubscription, WebhookDelivery],
  config: webhooksConfig,
  events: { subscribers: webhookSubscribers() },
  jobs: (s) => [deliverWebhooksJob(s)],
  api: { scopes: [WEBHOOKS_SCOPE], routes: webhookApiRoutes },
  syncAtStart: (em, config, clock) => syncWebhookSubscriptions(em, config, clock),
});
