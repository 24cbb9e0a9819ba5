/** `npm run seed:demo`: fills an empty database with the demo metalworking shop. */
import 'dotenv/config';
import { readSettings } from '../config/env.js';
import { migrationsOf } from '../capabilities/assembled.js';
import { loadFactory } from '../config/load-factory.js';
import { resolveDatabaseTarget } from '../db/database-target.js';
import { applyMigrations } from '../db/migrations.js';
import { openOrm } from '../db/orm.js';
import { entitiesFor } from '../entities.js';
import { systemClock } from '../shared/clock.js';
import { demoSeedingClock, DemoAlreadySeededError, seedDemo } from './seed.js';

const settings = readSettings();
const { config, capabilities } = await loadFactory(settings.factoryConfigPath);
const target = await resolveDatabaseTarget(settings.databaseUrl);
const orm = await openOrm(
  target,
  entitiesFor(capabilities),
  migrationsOf(capabilities, target.migrationsFolder),
);
try {
  await applyMigrations(orm);
  const { orders } = await seedDemo(
    orm.em.fork(),
    demoSeedingClock(systemClock, settings.factoryTz),
    settings.factoryTz,
    config,
  );
  console.log(`Seeded the demo shop: 20 people in 3 teams, 6 machines, 5 products, ${orders} work orders.`);
  console.log('Try: npm run chat -- --as zhangwei   (then 我的任务)');
} catch (error) {
  if (!(error instanceof DemoAlreadySeededError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await orm.close();
}
