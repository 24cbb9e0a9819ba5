import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeedingClock, seedDemo } from '../../src/demo/seed.js';
import { RepairTicket } from '../../src/equipment/repairs/repair-ticket.entity.js';
import { features } from '../../src/features.js';
import { ManualClock } from '../../src/shared/clock.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TZ = 'Asia/Shanghai';

describe('the clock npm run seed:demo seeds with', () => {
  it('is the real one from 09:40 factory time, when the demo day’s last moment has passed', () => {
    const clock = new ManualClock('2026-12-02T01:40:00Z'); // 09:40 in Shanghai
    expect(demoSeedingClock(clock, TZ)).toBe(clock);
  });

  it('earlier in the morning runs from last evening’s 20:00, and keeps running', () => {
    const clock = new ManualClock('2026-12-01T22:45:00Z'); // 06:45 on 12-02 in Shanghai
    const seeding = demoSeedingClock(clock, TZ);
    expect(seeding.now().toISOString()).toBe('2026-12-01T12:00:00.000Z'); // 20:00 on 12-01
    clock.advance(90_000);
    expect(seeding.now().toISOString()).toBe('2026-12-01T12:01:30.000Z');
  });
});

describe('the demo seeded at 06:45 factory time', () => {
  const clock = new ManualClock('2026-12-01T22:45:00Z');
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ features, clock });
    await seedDemo(
      app.orm.em.fork(),
      demoSeedingClock(clock, app.settings.factoryTz),
      app.settings.factoryTz,
      app.factory,
    );
  });
  afterAll(() => app.stop());

  it('has nothing reported later than the moment it was seeded at', async () => {
    const em = app.orm.em.fork();
    const latestRepair = await em.find(RepairTicket, {}, { orderBy: { reportedAt: 'desc' }, limit: 1 });
    const latestReport = await em.find(WorkReport, {}, { orderBy: { reportedAt: 'desc' }, limit: 1 });
    expect(latestRepair).toHaveLength(1);
    expect(latestRepair[0]!.reportedAt.getTime()).toBeLessThanOrEqual(clock.now().getTime());
    expect(latestReport[0]!.reportedAt.getTime()).toBeLessThanOrEqual(clock.now().getTime());
  });
});
