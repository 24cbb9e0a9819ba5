import type { EntityManager } from '@mikro-orm/core';
import type { Services } from './services.js';
import type { Settings } from './config/env.js';
import type { Orm } from './db/orm.js';

/**
 * The app's parts as a job, an API route or a page holds them: the same as a unit of work's
 * (src/services.ts) with the ORM instead of one entity manager.
 */
export interface AppServices extends Omit<Services, 'em' | 'afterCommit'> {
  orm: Orm;
  /** The environment's settings, read once by src/config/env.ts. */
  settings: Settings;
}

/** A unit of work on the app's parts: on `em`, or on a fresh entity manager of its own. */
export function unitOf(services: AppServices, em: EntityManager = services.orm.em.fork()): Services {
  const { orm: _orm, settings: _settings, ...parts } = services;
  return { ...parts, em };
}
