import type { EntityManager } from '@mikro-orm/core';
import { Equipment } from '../src/equipment/equipment.entity.js';
import { Person } from '../src/people/person.entity.js';
import { Team } from '../src/people/team.entity.js';
import { resolveDatabaseTarget } from '../src/db/database-target.js';
import { applyMigrations } from '../src/db/migrations.js';
import { openOrm, type Orm } from '../src/db/orm.js';
import { createScratchMysql } from '../src/db/scratch-database.js';
import { entities } from '../src/entities.js';

export interface BenchDatabase {
  url: string;
  orm: Orm;
  /** Closes the ORM and drops the scratch database. */
  close(): Promise<void>;
}

/** A migrated scratch MySQL/MariaDB database for a benchmark; MIGRATION_MYSQL_URL picks the server. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const scratch = await createScratchMysql(
    process.env.MIGRATION_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/',
    'sfb_bench',
  );
  const orm = await openOrm(await resolveDatabaseTarget(scratch.url), entities);
  try {
    await applyMigrations(orm);
  } catch (error) {
    await orm.close();
    await scratch.drop();
    throw error;
  }
  return {
    url: scratch.url,
    orm,
    async close() {
      await orm.close();
      await scratch.drop();
    },
  };
}

/** The benches' shop: workers p0…p19 and running machines M-0…M-5, spread over `teams` when given. */
export async function seedBenchCast(em: EntityManager, teams: readonly string[] = []): Promise<void> {
  if (teams.length > 0)
    await em.insertMany(
      Team,
      teams.map((id) => ({ id, name: `班组${id}`, createdAt: new Date() })),
    );
  await em.insertMany(
    Person,
    Array.from({ length: 20 }, (_, i) => ({
      id: `p${i}`,
      name: `工人${i}`,
      roles: ['worker'],
      active: true,
      createdAt: new Date(),
    })),
  );
  await em.insertMany(
    Equipment,
    Array.from({ length: 6 }, (_, i) => ({
      code: `M-${i}`,
      name: `设备${i}`,
      status: 'running',
      runningMinutes: 0,
      ...(teams.length > 0 ? { team: teams[i % teams.length] } : {}),
    })),
  );
}
