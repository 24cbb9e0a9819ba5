import type { Services } from '../services.js';

/**
 * Work that must see a change committed before it runs, e.g. checking whether running hours a
 * 报工 added made maintenance due: its own writes are keyed so that a concurrent scan doing the
 * same on another server cannot collide with the person's transaction.
 */
export type FollowUp = (services: Omit<Services, 'afterCommit'>) => Promise<void>;
