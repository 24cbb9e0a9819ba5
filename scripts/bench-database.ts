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

export interface BenchDayOptions {
  /** Day index from the first day, and that first day (UTC ms of its 08:00 Shanghai). */
  day: number;
  firstDay: number;
  ordersPerDay: number;
  reportsPerDay: number;
  /** Finished orders (both operations done) or orders still running. */
  done: boolean;
  /** Teams the operations take turns in; none by default. */
  teams?: readonly string[];
  /** When an order (its index in the day) was completed; not recorded by default. */
  completedAt?: (order: number, dayStart: number) => Date | null;
}

/** The ids the benches hand out, carried from one day to the next. */
export interface BenchIds {
  order: number;
  task: number;
}

/**
 * One day of the benches' shop: `ordersPerDay` orders of 100 × P1 due five days later, each with
 * 车削 and 磨削, and `reportsPerDay` reports spread over the day's operations, every tenth with a
 * scrapped piece. The rows are returned for `insertMany`; `ids` moves on.
 */
export function benchDay(o: BenchDayOptions, ids: BenchIds) {
  const dayStart = o.firstDay + o.day * 86_400_000;
  const orders = [];
  const tasks = [];
  const reports = [];
  for (let n = 0; n < o.ordersPerDay; n++) {
    ids.order += 1;
    orders.push({
      id: ids.order,
      number: `WO-${o.day}-${n}`,
      item: 'P1',
      quantity: 100,
      dueDate: new Date(dayStart + 5 * 86_400_000).toISOString().slice(0, 10),
      priority: 3,
      status: o.done ? ('completed' as const) : ('in_progress' as const),
      createdAt: new Date(dayStart),
      ...(o.completedAt ? { completedAt: o.completedAt(n, dayStart) } : {}),
    });
    for (const sequence of [10, 20]) {
      ids.task += 1;
      tasks.push({
        id: ids.task,
        workOrder: ids.order,
        sequence,
        name: sequence === 10 ? '车削' : '磨削',
        plannedQuantity: 100,
        standardMinutes: 1,
        ...(o.teams?.length ? { team: o.teams[ids.task % o.teams.length] } : {}),
        status: o.done ? ('done' as const) : ('in_progress' as const),
        goodTotal: o.done ? 98 : 40,
        scrapTotal: 1,
        revision: 1,
      });
    }
  }
  for (let r = 0; r < o.reportsPerDay; r++) {
    reports.push({
      task: ids.task - ((r * 7) % (o.ordersPerDay * 2)),
      person: `p${r % 20}`,
      reportedAt: new Date(dayStart + ((r * 97) % 43_200) * 1000),
      good: 20,
      scrap: r % 10 === 0 ? 1 : 0,
      equipment: `M-${r % 6}`,
      minutes: 30,
      channel: 'console',
    });
  }
  return { dayStart, orders, tasks, reports };
}
