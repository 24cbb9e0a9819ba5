import { randomUUID } from 'node:crypto';
import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import pLimit from 'p-limit';
import type { AppServices } from '../app-services.js';
import { keptRead } from '../db/kept-reads.js';
import { backoffDelay, type RetryPolicy } from '../chat/outbox/retry-policy.js';
import type { DomainEventName, Subscriber } from '../events/domain-events.js';
import type { Services } from '../services.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import type { WebhooksConfig } from './config.js';
import { PUBLIC_EVENT_TYPES, publicTypesOf, type PublicEventType } from './event-types.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookSubscription } from './webhook-subscription.entity.js';

/** How a delivery is sent; `fetch` in production, replaceable only to observe it. */
export type Send = typeof fetch;

const ROUND_SIZE = 64;
const CONCURRENCY = 8;

/**
 * Writes one delivery per active subscription that wants `type`, inside the emitter's unit of
 * work: the deliveries exist exactly when the change committed (the outbox guarantee).
 */
async function enqueue(unit: Services, type: PublicEventType, payload: unknown): Promise<void> {
  const { em, clock } = unit;
  const subscriptions = (await activeSubscriptions(em)).filter(
    (s) => s.events.includes('*') || s.events.includes(type.type),
  );
  if (subscriptions.length === 0) return;
  // The records' ids are the events' references; the emitter may not have flushed yet.
  await em.flush();
  const event = await type.toPublic(payload as never, em);
  const now = clock.now();
  const eventId = randomUUID();
  const body = JSON.stringify({
    id: eventId,
    type: type.type,
    occurredAt: now.toISOString(),
    data: event.data,
  });
  for (const subscription of subscriptions) {
    em.create(WebhookDelivery, {
      subscription: subscription.id,
      eventId,
      eventType: type.type,
      recordKey: event.recordKey.slice(0, 191),
      body,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    });
  }
}

/**
 * Who is subscribed, read by every change that has a public event (each 完工), kept between
 * requests: subscriptions change a few times a year.
 */
function activeSubscriptions(em: EntityManager): Promise<Array<{ id: number; events: string[] }>> {
  return keptRead(em, 'active webhook subscriptions', ['WebhookSubscription'], async () =>
    (await em.find(WebhookSubscription, { active: true }, { orderBy: { id: 'asc' } })).map((s) => ({
      id: s.id,
      events: [...s.events],
    })),
  );
}

/** One in-transaction subscriber per domain event that has a public type. */
export function webhookSubscribers(): Subscriber[] {
  const events = [...new Set(PUBLIC_EVENT_TYPES.map((t) => t.event))] as DomainEventName[];
  return events.map((event) => ({
    event,
    phase: 'in_transaction' as const,
    async handle(payload: unknown, unit: Services) {
      for (const type of publicTypesOf(event, payload)) await enqueue(unit, type, payload);
    },
  }));
}

export function retryPolicyOf(config: WebhooksConfig): RetryPolicy {
  return {
    maxAttempts: config.maxAttempts,
    baseDelayMs: config.baseDelaySeconds * 1000,
    maxDelayMs: config.maxDelaySeconds * 1000,
    leaseMs: (config.timeoutSeconds + 30) * 1000,
  };
}

/** Queued and due, or claimed by a sender whose lease ran out (it died mid-send). */
function takeableAt(now: Date) {
  return [
    { status: 'pending' as const, nextAttemptAt: { $lte: now } },
    { status: 'sending' as const, leaseUntil: { $lt: now } },
  ];
}

/**
 * The head of every lane (a subscription and a record) that may go now: its oldest delivery
 * neither delivered nor dead. Only heads go out, so a receiver gets each record's events in
 * order, and a lane backing off holds up nothing but itself.
 */
async function takeableHeads(em: EntityManager, now: Date): Promise<WebhookDelivery[]> {
  const rows = (await (em as SqlEntityManager)
    .createQueryBuilder(WebhookDelivery, 'd')
    .select([raw('min(d.id) as head')])
    .where({ status: { $in: ['pending', 'sending'] } })
    .groupBy(['d.subscription', 'd.recordKey'])
    .execute('all', false)) as Array<{ head: unknown }>;
  const ids = rows.map((r) => Number(r.head));
  const heads: WebhookDelivery[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    heads.push(
      ...(await em.find(
        WebhookDelivery,
        { id: { $in: ids.slice(i, i + 1000) }, $or: takeableAt(now) },
        { populate: ['subscription'], orderBy: { id: 'asc' } },
      )),
    );
  }
  return heads;
}

export interface DeliveryPass {
  delivered: number;
  failed: number;
}

/**
 * Sends what is due, in rounds of lane heads sent in parallel, until nothing more can go now
 * (each head taken is delivered, backing off, dead or claimed elsewhere, so this ends). A
 * delivery is claimed with a conditional UPDATE that counts the attempt, so two processes
 * never send the same one, and one that kills its sender still runs out of attempts.
 */
export async function deliverDueWebhooks(s: AppServices, send: Send = fetch): Promise<DeliveryPass> {
  const pass = { delivered: 0, failed: 0 };
  const limit = pLimit(CONCURRENCY);
  for (;;) {
    const heads = (await takeableHeads(s.orm.em.fork(), s.clock.now())).slice(0, ROUND_SIZE);
    if (heads.length === 0) return pass;
    const outcomes = await Promise.all(heads.map((head) => limit(() => deliverOne(s, head, send))));
    pass.delivered += outcomes.filter((o) => o === 'delivered').length;
    pass.failed += outcomes.filter((o) => o === 'failed').length;
  }
}

type Outcome = 'delivered' | 'failed' | 'lost';

async function deliverOne(s: AppServices, head: WebhookDelivery, send: Send): Promise<Outcome> {
  const config = s.config.webhooks;
  const policy = retryPolicyOf(config);
  const em = s.orm.em.fork();
  const now = s.clock.now();
  const attempt = head.attempts + 1;
  const claimed = await em.nativeUpdate(
    WebhookDelivery,
    { id: head.id, attempts: head.attempts, $or: takeableAt(now) },
    { status: 'sending', attempts: attempt, leaseUntil: new Date(now.getTime() + policy.leaseMs) },
  );
  if (claimed !== 1) return 'lost';
  const subscription = head.subscription;
  let result: { ok: boolean; status: number | null; error: string | null };
  if (!subscription.active) {
    result = { ok: false, status: null, error: 'the subscription was switched off' };
  } else {
    result = await post(send, subscription, head, s.clock.now(), config.timeoutSeconds);
  }
  const done = s.clock.now();
  const mine = { id: head.id, status: 'sending' as const, attempts: attempt };
  const log = { deliveryId: head.id, subscription: subscription.name, type: head.eventType, attempt };
  if (result.ok) {
    await em.nativeUpdate(WebhookDelivery, mine, {
      status: 'delivered',
      deliveredAt: done,
      leaseUntil: null,
      lastStatus: result.status,
      lastError: null,
    });
    s.logger.info({ ...log, status: result.status }, 'webhook delivered');
    return 'delivered';
  }
  const dead = !subscription.active || attempt >= policy.maxAttempts;
  await em.nativeUpdate(WebhookDelivery, mine, {
    status: dead ? 'dead' : 'pending',
    leaseUntil: null,
    lastStatus: result.status,
    lastError: (result.error ?? '').slice(0, 500),
    nextAttemptAt: new Date(done.getTime() + backoffDelay(policy, attempt)),
  });
  s.logger.warn({ ...log, status: result.status, error: result.error, dead }, 'webhook delivery failed');
  return 'failed';
}

/** One signed POST; any 2xx is delivered, anything else (or no answer in time) is retried. */
async function post(
  send: Send,
  subscription: WebhookSubscription,
  delivery: WebhookDelivery,
  at: Date,
  timeoutSeconds: number,
): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  try {
    const response = await send(subscription.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'shopfloor-bot-webhooks',
        [SIGNATURE_HEADER]: signatureHeader(subscription.secret, delivery.body, at),
        'X-Shopfloor-Event': delivery.eventType,
        'X-Shopfloor-Event-Id': delivery.eventId,
        'X-Shopfloor-Delivery': String(delivery.id),
      },
      body: delivery.body,
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
      redirect: 'manual',
    });
    // The body is read so the connection is released; its text only matters on a failure.
    const text = await response.text().catch(() => '');
    if (response.status >= 200 && response.status < 300)
      return { ok: true, status: response.status, error: null };
    return {
      ok: false,
      status: response.status,
      error: `HTTP ${response.status} ${text.slice(0, 200)}`.trim(),
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, status: null, error: cause ? `${message} (${cause})` : message };
  }
}

/**
 * Sends a dead delivery again from its first attempt. It is the oldest of its lane again, so
 * the record's later events that are still queued wait for it.
 */
export async function replayDelivery(em: EntityManager, id: number, now: Date): Promise<WebhookDelivery> {
  const delivery = await em.findOne(WebhookDelivery, id, { populate: ['subscription'] });
  if (!delivery) throw new NotFoundError('webhook delivery', id);
  if (delivery.status !== 'dead')
    throw new ConflictError(
      'delivery_not_dead',
      `Delivery ${id} is ${delivery.status}; only a dead one is replayed.`,
      { deliveryStatus: delivery.status },
    );
  if (!delivery.subscription.active)
    throw new ConflictError(
      'subscription_inactive',
      `The subscription ${delivery.subscription.name} is switched off.`,
    );
  Object.assign(delivery, { status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null });
  await em.flush();
  return delivery;
}
