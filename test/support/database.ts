import { inject } from 'vitest';
import {
  copyScratchMysql,
  copyScratchSqlite,
  createScratchMysql,
  createScratchSqlite,
  type ScratchDatabase,
} from '../../src/db/scratch-database.js';
import type { TemplateName } from './templates.js';

export const testDatabaseKind = (): 'mysql' | 'sqlite' => inject('testDatabase').kind;

/** An empty database of its own for one test file (or one test), dropped by `drop()`. */
export async function createTestDatabase(): Promise<ScratchDatabase> {
  const choice = inject('testDatabase');
  return choice.kind === 'mysql' ? createScratchMysql(choice.url, 'sfb_t') : createScratchSqlite('sfb-t');
}

/**
 * A database of its own holding what one of the run's templates holds (global-setup.ts):
 * `migrated` is every committed migration applied, `demo` the seeded demo shop on top.
 */
export async function copyTestTemplate(name: TemplateName): Promise<ScratchDatabase> {
  const template = inject('testTemplates')[name];
  return inject('testDatabase').kind === 'mysql'
    ? copyScratchMysql(template, 'sfb_t')
    : copyScratchSqlite(template, 'sfb-t');
}
