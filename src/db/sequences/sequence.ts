import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { NumberSequence } from './number-sequence.entity.js';

/**
 * Moves the sequence on by `step` in one upsert and returns where it stands. The upsert locks
 * the row until the caller's transaction ends (InnoDB's exclusive lock on the duplicate key;
 * SQLite's write lock on the file), so a number is used by one transaction at a time. Step 0
 * takes the lock without moving.
 */
export async function advanceSequence(
  em: EntityManager,
  key: { kind: string; scope: string },
  step: 0 | 1,
): Promise<number> {
  // The SQL drivers' entity manager; the core type does not expose the query builder.
  const sql = em as SqlEntityManager;
  await sql
    .createQueryBuilder(NumberSequence)
    .insert({ ...key, lastValue: step })
    .onConflict(['kind', 'scope'])
    .merge({ lastValue: raw(`last_value + ${step}`) })
    .execute('run');
  // Read through the query builder, not the identity map, which may hold an earlier value.
  const row = (await sql
    .createQueryBuilder(NumberSequence)
    .select('lastValue')
    .where(key)
    .execute('get')) as { lastValue: number };
  return Number(row.lastValue);
}
