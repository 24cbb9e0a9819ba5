import { inject } from 'vitest';
import {
  createScratchMysql,
  createScratchSqlite,
  type ScratchDatabase,
} from '../../src/db/scratch-database.js';

export const testDatabaseKind = (): 'mysql' | 'sqlite' => inject('testDatabase').kind;

/** An empty database of its own for one test file (or one test), dropped by `drop()`. */
export async function createTestDatabase(): Promise<ScratchDatabase> {
  const choice = inject('testDatabase');
  return choice.kind === 'mysql' ? createScratchMysql(choice.url, 'sfb_t') : createScratchSqlite('sfb-t');
}
