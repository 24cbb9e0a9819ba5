import type { AnyEntity, EntitySchema, MigrationObject } from '@mikro-orm/core';
import type Router from '@koa/router';
import type { AppServices } from '../app-services.js';
import type { ChatFeature } from '../chat/feature.js';
import type { FactoryConfig } from '../config/factory-config.js';
import type { ApiRoute } from '../http/api/api-route.js';
import type { JobDefinition } from '../jobs/scheduler.js';
import type { Subscriber } from '../events/domain-events.js';
import type { Capability, LongConnection } from './capability.js';
import type { PointTrigger } from './point-trigger.js';

/** The central lists, each assembled from the capabilities in their order. */
export const entitiesOf = (capabilities: readonly Capability[]) =>
  capabilities.flatMap((c) => c.entities ?? []) as unknown as Array<EntitySchema<AnyEntity>>;

export const chatFeaturesOf = (capabilities: readonly Capability[]): ChatFeature[] =>
  capabilities.flatMap((c) => (c.chat ? [c.chat] : []));

export const jobsOf = (capabilities: readonly Capability[], services: AppServices) =>
  capabilities.flatMap((c) => c.jobs?.(services) ?? []) as Array<JobDefinition<never>>;

export const apiRoutesOf = (capabilities: readonly Capability[]): ReadonlyArray<ApiRoute<never>> =>
  capabilities.flatMap((c) => c.api?.routes ?? []);

export const apiScopesOf = (capabilities: readonly Capability[]): string[] =>
  capabilities.flatMap((c) => c.api?.scopes ?? []);

export const pagesOf = (capabilities: readonly Capability[], services: AppServices): Router[] =>
  capabilities.flatMap((c) => (c.pages ? [c.pages(services)] : []));

export const connectionsOf = (capabilities: readonly Capability[], services: AppServices): LongConnection[] =>
  capabilities.flatMap((c) => c.connections?.(services) ?? []);

export const subscribersOf = (capabilities: readonly Capability[]): Subscriber[] =>
  capabilities.flatMap((c) => c.events?.subscribers ?? []);

/**
 * What incentive rules may pay points for, whichever capability offers it. A name offered twice
 * is a mistake in the code (a rule could not say which it means), refused like a section claimed twice.
 */
export function pointTriggersOf(capabilities: readonly Capability[]): PointTrigger[] {
  const owners = new Map<string, string>();
  return capabilities.flatMap((c) =>
    (c.pointTriggers ?? []).map((trigger) => {
      const claimed = owners.get(trigger.name);
      if (claimed)
        throw new Error(`point trigger "${trigger.name}" is offered by both ${claimed} and ${c.name}`);
      owners.set(trigger.name, c.name);
      return trigger;
    }),
  );
}

/** The plugins' migrations for one dialect's folder, in list order (the core ones are in migrations/). */
export const migrationsOf = (
  capabilities: readonly Capability[],
  folder: 'mysql' | 'sqlite',
): MigrationObject[] => capabilities.flatMap((c) => c.migrations?.[folder] ?? []);

/**
 * The capabilities with what each offers from factory.yaml (`configured`) merged into its chat
 * and API, as the app is assembled; the static declarations stay as they are for everything else.
 */
export function withConfigured(
  capabilities: readonly Capability[],
  config: FactoryConfig,
): readonly Capability[] {
  if (!capabilities.some((c) => c.configured)) return capabilities;
  return capabilities.map((c) => {
    const extra = c.configured?.(config);
    if (!extra || (!extra.chat && !extra.api)) return c;
    const chat = c.chat ?? {};
    return {
      ...c,
      chat: {
        ...chat,
        commands: [...(chat.commands ?? []), ...(extra.chat?.commands ?? [])],
        cards: [...(chat.cards ?? []), ...(extra.chat?.cards ?? [])],
      },
      api: {
        scopes: [...new Set([...(c.api?.scopes ?? []), ...(extra.api?.scopes ?? [])])],
        routes: [...(c.api?.routes ?? []), ...(extra.api?.routes ?? [])],
      },
    };
  });
}
