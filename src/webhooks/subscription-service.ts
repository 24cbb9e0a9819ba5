import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { WebhookSubscription } from './webhook-subscription.entity.js';

/**
 * Makes the table agree with factory.yaml `webhooks.subscriptions` (secrets read from the
 * environment now). A declared subscription whose variable is unset would sign with nothing:
 * start-up stops and says which. One removed from the file is switched off.
 */
export async function syncWebhookSubscriptions(
  em: EntityManager,
  config: FactoryConfig,
  clock: Clock,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const declared = config.webhooks.subscriptions;
  const missing = declared.filter((d) => !env[d.secretEnv]);
  if (missing.length > 0)
    throw new Error(
      `webhooks: no secret in ${missing.map((d) => `${d.secretEnv} (for "${d.name}")`).join(', ')}`,
    );
  await em.transactional(async (tx) => {
    for (const d of declared) {
      const existing = await tx.findOne(WebhookSubscription, { name: d.name });
      if (existing && existing.source !== 'config')
        throw new Error(
          `webhooks: "${d.name}" was made through the API; give the one in factory.yaml another name`,
        );
      const row =
        existing ??
        tx.create(WebhookSubscription, {
          name: d.name,
          url: d.url,
          events: d.events,
          secret: env[d.secretEnv] as string,
          source: 'config',
          createdAt: clock.now(),
        });
      Object.assign(row, {
        url: d.url,
        events: [...d.events],
        secret: env[d.secretEnv] as string,
        active: true,
      });
    }
    const names = new Set(declared.map((d) => d.name));
    for (const row of await tx.find(WebhookSubscription, { source: 'config', active: true }))
      if (!names.has(row.name)) row.active = false;
  });
}

export interface NewSubscription {
  name: string;
  url: string;
  events: string[];
  secret?: string;
}

/** A subscription made through the API; without a secret one is generated (shown once). */
export async function createSubscription(
  em: EntityManager,
  input: NewSubscription,
  now: Date,
): Promise<WebhookSubscription> {
  const existing = await em.findOne(WebhookSubscription, { name: input.name });
  if (existing?.active)
    throw new ConflictError('subscription_exists', `A subscription named ${input.name} exists.`);
  if (existing?.source === 'config')
    throw new ConflictError('subscription_in_config', `${input.name} is a name factory.yaml uses.`);
  const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
  const row =
    existing ??
    em.create(WebhookSubscription, {
      name: input.name,
      url: input.url,
      events: input.events,
      secret,
      source: 'api',
      createdAt: now,
    });
  Object.assign(row, { url: input.url, events: [...new Set(input.events)], secret, active: true });
  await em.flush();
  return row;
}

/** Switches off a subscription made through the API; its queued deliveries die on their next attempt. */
export async function removeSubscription(em: EntityManager, name: string): Promise<WebhookSubscription> {
  const row = await em.findOne(WebhookSubscription, { name, active: true });
  if (!row) throw new NotFoundError('webhook subscription', name);
  if (row.source === 'config')
    throw new ConflictError(
      'subscription_in_config',
      `${name} is declared in factory.yaml; remove it there.`,
    );
  row.active = false;
  await em.flush();
  return row;
}
