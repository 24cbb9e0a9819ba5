import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '../db/migration.js';
import { unitOf } from '../app-services.js';
import { subscribe } from '../events/domain-events.js';
import { defineJob } from '../jobs/scheduler.js';
import { peopleWithRole } from '../people/directory.js';
import { productionDateOf, productionDay, productionInterval } from '../shared/production-day.js';
import { RefusedError } from '../shared/errors.js';
import type { Services } from '../services.js';
import { defineCapability } from './capability.js';

/** The production day `at` falls in, and when it starts and ends (factory.yaml shifts, FACTORY_TZ). */
function productionDayAt(unit: Pick<Services, 'config' | 'tz'>, at: Date) {
  const rule = productionDay(unit.config, unit.tz);
  const day = productionDateOf(at, rule);
  return { day, ...productionInterval(day, rule) };
}

/**
 * What a plugin gets from the core, handed to its module's default export. A plugin imports
 * nothing from src/ (its paths and internals change between releases); what it needs is here,
 * and only additions are made to it.
 */
export const pluginHost = {
  /** MikroORM's entity definition, as the core's entities use it (`defineEntity({ … properties: { id: p.integer()… } })`). */
  defineEntity,
  p,
  /** The base class of a migration (`class … extends host.Migration { async up() { this.addSql(…) } }`). */
  Migration,
  defineCapability,
  defineJob,
  /** Declares a reaction to a domain event, e.g. `digest.composing` to add a digest section. */
  subscribe,
  /** The error a command throws to refuse a request; its Chinese text is the answer. */
  RefusedError,
  /** A unit of work for a job: `host.unitOf(services)` gives `em`, `clock`, `config`, `outbox`, … */
  unitOf,
  /** The people who hold a role (e.g. 'supervisor'), for pushes through `services.outbox`. */
  peopleWithRole,
  productionDayAt,
};

export type PluginHost = typeof pluginHost;
