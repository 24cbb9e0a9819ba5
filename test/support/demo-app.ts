import { isDeepStrictEqual } from 'node:util';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import { type FactoryConfig } from '../../src/config/factory-config.js';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import type { ScratchDatabase } from '../../src/db/scratch-database.js';
import { seedDemo } from '../../src/demo/seed.js';
import { features } from '../../src/features.js';
import { ManualClock } from '../../src/shared/clock.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

/** Tuesday 2026-11-24 10:00 in Shanghai: the demo's "today" in every test that uses it. */
export const DEMO_NOW = '2026-11-24T02:00:00Z';

export interface DemoApp extends TestApp {
  as(personId: string): ConsoleSession;
}

/**
 * The demo shop as the tests know it: without pay's demo (issue 23: its rates and its month of
 * history before the demo week), so the many exact answers asserted on the demo's week stay as
 * they were; test/pay/demo-pay.test.ts and demo-month.test.ts seed it.
 */
export const unpricedDemo = coreCapabilities.map((c) => (c.name === 'pay' ? { ...c, demo: undefined } : c));

/** The app with every real feature, on a freshly seeded demo shop, at a fixed moment. */
export async function startDemoApp(options: TestAppOptions = {}): Promise<DemoApp> {
  const clock = options.clock ?? new ManualClock(DEMO_NOW);
  if (options.db) return withSessions(await startTestApp({ features, ...options, clock }), clock);
  if (seedsLikeTheTemplate(options, clock))
    return withSessions(await startTestApp({ features, ...options, clock }, 'demo'), clock);
  const app = await startTestApp({ features, ...options, clock });
  await seedDemo(app.orm.em.fork(), clock, app.settings.factoryTz, app.factory, unpricedDemo);
  return withSessions(app, clock);
}

/**
 * Seeds the run's demo template exactly as `startDemoApp()` with no options seeds a database
 * of its own; a test copies the template only when its options would seed the same shop.
 */
export async function seedDemoTemplate(db: ScratchDatabase): Promise<void> {
  const clock = new ManualClock(DEMO_NOW);
  const app = await startTestApp({ features, clock, db });
  try {
    await seedDemo(app.orm.em.fork(), clock, app.settings.factoryTz, app.factory, unpricedDemo);
  } finally {
    await app.stop();
  }
}

/**
 * Same factory, zone, moment and features, and nothing running in the background that could
 * act on the shop between start-up and seeding: the seeded template is this test's shop.
 */
function seedsLikeTheTemplate(options: TestAppOptions, clock: ManualClock): boolean {
  return (
    (options.factory === undefined ||
      (typeof options.factory === 'object' && seedsAsDefault(options.factory))) &&
    options.features === undefined &&
    options.background !== true &&
    options.env?.FACTORY_TZ === undefined &&
    clock.now().getTime() === new Date(DEMO_NOW).getTime()
  );
}

/** The DingTalk card template only changes how cards are drawn: neither start-up nor the seed reads it. */
function seedsAsDefault(factory: FactoryConfig): boolean {
  return isDeepStrictEqual({ ...factory, dingtalk: {} }, defaultFactoryConfig);
}

function withSessions(app: TestApp, clock: ManualClock): DemoApp {
  return Object.assign(app, {
    as: (personId: string) => new ConsoleSession(app.chat.engine, clock, personId),
  });
}
