import type Router from '@koa/router';
import type { EntityManager, MigrationObject } from '@mikro-orm/core';
import type { AppServices } from '../app-services.js';
import type { ChatFeature } from '../chat/feature.js';
import type { CapabilityDemo } from '../demo/demo-context.js';
import type { FactoryConfig } from '../config/factory-config.js';
import type { DomainEventName, Subscriber } from '../events/domain-events.js';
import type { ApiRoute } from '../http/api/api-route.js';
import type { JobDefinition } from '../jobs/scheduler.js';
import type { Clock } from '../shared/clock.js';
import type { PointTrigger } from './point-trigger.js';

/**
 * One capability of the bot (work orders, equipment, outsourcing, a factory's own plugin…),
 * declared in one place: every central list (entities, chat commands, jobs, API routes and
 * scopes, factory.yaml sections, event subscribers, point triggers, start-up sync) is assembled
 * from the list of these in src/capabilities/index.ts, or from the plugins factory.yaml names.
 */
export interface Capability {
  /** Lower-case, unique: named in start-up errors and in the README. */
  name: string;
  /** Its MikroORM entities (defineEntity results); their tables come from its migrations. */
  entities?: readonly unknown[];
  /** Its factory.yaml sections, with defaults and cross-checks. */
  config?: CapabilityConfig;
  /** The domain events it publishes, and what it does when one (its own or another's) happens. */
  events?: { emits?: readonly DomainEventName[]; subscribers?: readonly Subscriber[] };
  /** What it offers to pay points for: factory.yaml incentive rules name these in `on:`. */
  pointTriggers?: readonly PointTrigger[];
  /** Its commands, cards, scans, menu keys and welcome; the list order is the order of `帮助`. */
  chat?: ChatFeature;
  /** Its scheduled jobs; each is a thin call into its services. */
  jobs?(services: AppServices): ReadonlyArray<JobDefinition<never>>;
  /** Its REST operations under /api/v1 and the scopes they need: each scope has a route. */
  api?: { scopes: readonly string[]; routes: ReadonlyArray<ApiRoute<never>> };
  /**
   * Long connections it keeps open while the server runs (a subscription to the factory's MQTT
   * broker): started with the platforms' (unless the app is told not to connect), stopped before the pool.
   */
  connections?(services: AppServices): readonly LongConnection[];
  /** Web pages it serves beside the API (e.g. the partner pages). */
  pages?(services: AppServices): Router;
  /** Its part of the demo shop (`npm run seed:demo`). */
  demo?: CapabilityDemo;
  /** Brings its tables in line with factory.yaml at start-up (e.g. the declared machines). */
  syncAtStart?(em: EntityManager, config: FactoryConfig, clock: Clock): Promise<void>;
  /**
   * A plugin's own migrations, per dialect, run after the core ones. The core capabilities keep
   * theirs in migrations/, generated from all core entities together.
   */
  migrations?: { mysql: readonly MigrationObject[]; sqlite: readonly MigrationObject[] };
  /**
   * What it offers only as factory.yaml declares it (one chat command and API routes per form of
   * `forms:`): added to its `chat` and `api` once the config is read (`withConfigured`), after
   * `帮助`'s static commands. Its words are checked against the others' in `config.problems`.
   */
  configured?(config: FactoryConfig): {
    chat?: ChatFeature;
    api?: { scopes: readonly string[]; routes: ReadonlyArray<ApiRoute<never>> };
  };
}

/** A connection a capability keeps open beside the server; `stop` waits for work under way. */
export interface LongConnection {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** One top-level section of factory.yaml: its JSON Schema and the value a file without it gets. */
export interface ConfigSection {
  schema: Record<string, unknown>;
  defaults: unknown;
}

/** What a capability reads from factory.yaml. */
export interface CapabilityConfig {
  /** Its top-level sections; the types go into FactoryConfig with `declare module`. */
  sections: Record<string, ConfigSection>;
  /**
   * What the schema cannot say (references between sections, unique ids); one line per problem.
   * `capabilities` is the list the app is made of, for checks against what the others declare.
   */
  problems?(config: FactoryConfig, capabilities: readonly Capability[]): string[];
}

/** Declares a capability with its shape checked (one `capability.ts` per capability folder). */
export function defineCapability(capability: Capability): Capability {
  return capability;
}
