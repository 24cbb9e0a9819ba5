import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { seedDemo } from '../../src/demo/seed.js';
import { features } from '../../src/features.js';
import { ManualClock } from '../../src/shared/clock.js';
import { DEMO_NOW } from '../support/demo-app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));

/** `npm run seed:demo` as people get it: every demo operation priced, the history earned. */
describe('the demo shop’s pay', () => {
  let app: TestApp;
  const clock = new ManualClock(DEMO_NOW);
  const as = (personId: string) => new ConsoleSession(app.chat.engine, clock, personId);

  beforeAll(async () => {
    app = await startTestApp({ features, clock });
    await seedDemo(app.orm.em.fork(), clock, app.settings.factoryTz, app.factory);
  });
  afterAll(() => app.stop());

  it('answers a demo 完工 with what it earned and the day so far', async () => {
    expect(texts(await as('zhangwei').say('完工 WO-DEMO-001 2')).at(-1)).toBe('本次 +¥1.20，今日 ¥1.20');
  });

  it('shows a demo worker this month’s real figures', async () => {
    // The month's history (2 to 16 November) and the demo's week: the same on every seed.
    const [month] = texts(await as('zhangwei').say('本月收入'));
    expect(month?.split('\n')[0]).toBe('张伟 2026-11 计件收入 ¥711.00：');
  });
});
