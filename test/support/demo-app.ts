import { ConsoleSession } from '../../src/channels/console/console-session.js';
import { seedDemo } from '../../src/demo/seed.js';
import { features } from '../../src/features.js';
import { ManualClock } from '../../src/shared/clock.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

/** Tuesday 2026-11-24 10:00 in Shanghai: the demo's "today" in every test that uses it. */
export const DEMO_NOW = '2026-11-24T02:00:00Z';

export interface DemoApp extends TestApp {
  as(personId: string): ConsoleSession;
}

/** The app with every real feature, on a freshly seeded demo shop, at a fixed moment. */
export async function startDemoApp(options: TestAppOptions = {}): Promise<DemoApp> {
  const clock = options.clock ?? new ManualClock(DEMO_NOW);
  const app = await startTestApp({ features, ...options, clock });
  if (!options.db) await seedDemo(app.orm.em.fork(), clock, app.settings.factoryTz, app.factory);
  return Object.assign(app, {
    as: (personId: string) => new ConsoleSession(app.chat.engine, clock, personId),
  });
}
