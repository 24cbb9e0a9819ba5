import type { CapabilityConfig } from '../capabilities/capability.js';
import { PUBLIC_EVENT_TYPES } from './event-types.js';

/** A receiver declared in factory.yaml; its secret comes from the environment (`secretEnv`). */
export interface WebhookSubscriptionConfig {
  name: string;
  url: string;
  /** Public event types, or `*` for all. */
  events: string[];
  /** The environment variable holding the signing secret (never the secret itself in the file). */
  secretEnv: string;
}

export interface WebhooksConfig {
  subscriptions: WebhookSubscriptionConfig[];
  /** Attempts before a delivery is dead; the default spans about a day of back-off. */
  maxAttempts: number;
  /** The first retry waits up to this long, doubling per attempt (full jitter)… */
  baseDelaySeconds: number;
  /** …up to this ceiling. */
  maxDelaySeconds: number;
  /** A receiver slower than this to answer counts as a failed attempt. */
  timeoutSeconds: number;
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    webhooks: WebhooksConfig;
  }
}

const EVENT = { enum: ['*', ...PUBLIC_EVENT_TYPES.map((t) => t.type)] };

/** factory.yaml `webhooks:`. */
export const webhooksConfig: CapabilityConfig = {
  sections: {
    webhooks: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          subscriptions: {
            type: 'array',
            maxItems: 50,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'url', 'events', 'secretEnv'],
              properties: {
                name: { type: 'string', pattern: '^[A-Za-z0-9][\\w.-]{0,63}$' },
                url: { type: 'string', pattern: '^https?://', maxLength: 500 },
                events: { type: 'array', minItems: 1, items: EVENT },
                secretEnv: { type: 'string', pattern: '^[A-Z_][A-Z0-9_]*$' },
              },
            },
          },
          maxAttempts: { type: 'integer', minimum: 1, maximum: 100 },
          baseDelaySeconds: { type: 'integer', minimum: 1, maximum: 3600 },
          maxDelaySeconds: { type: 'integer', minimum: 1, maximum: 86400 },
          timeoutSeconds: { type: 'integer', minimum: 1, maximum: 120 },
        },
      },
      defaults: {
        subscriptions: [],
        maxAttempts: 30,
        baseDelaySeconds: 10,
        maxDelaySeconds: 3600,
        timeoutSeconds: 10,
      } satisfies WebhooksConfig,
    },
  },
  problems(config) {
    const names = config.webhooks.subscriptions.map((s) => s.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    return [
      ...[...new Set(twice)].map((n) => `webhooks.subscriptions: "${n}" is declared twice`),
      ...(config.webhooks.baseDelaySeconds > config.webhooks.maxDelaySeconds
        ? ['webhooks.baseDelaySeconds is more than webhooks.maxDelaySeconds']
        : []),
    ];
  },
};
