import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointTriggersOf } from '../../src/capabilities/assembled.js';
import { writeTransaction } from '../../src/db/locking.js';
import { settleIncentives } from '../../src/incentives/evaluation-service.js';
import { PointEntry } from '../../src/incentives/point-entry.entity.js';
import type { DemoApp } from '../support/demo-app.js';
import { testDatabaseKind } from '../support/database.js';
import { MONDAY_0910, startIncentivesDemo } from './incentives-demo.js';

// SQLite lets one writer in at a time: an evaluation and a reversal cannot overlap there.
describe.skipIf(testDatabaseKind() === 'sqlite')('a reversal while the report is being paid', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startIncentivesDemo();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('waits for the payment and takes the points back: the report nets nothing', async () => {
    app.clock.set(MONDAY_0910);
    const [reply] = await app.as('zhangwei').say('完工 WO-DEMO-001 2');
    const reportId = /报工号 B(\d+)/.exec(reply?.kind === 'text' ? reply.text : '')?.[1];
    expect(reportId).toBeDefined();
    const key = `work_report:${reportId}`;

    // An evaluation (the minute job, or someone's 积分) has paid the report but not committed yet.
    const evaluation = app.orm.em.fork();
    await evaluation.begin(writeTransaction(evaluation));
    await settleIncentives({
      em: evaluation,
      config: app.factory,
      tz: app.settings.factoryTz,
      now: app.clock.now(),
      triggers: pointTriggersOf(app.services.capabilities),
    });

    const reversal = app.as('lijianguo').say(`更正 B${reportId} 0`);
    const settled = { done: false };
    void reversal.then(() => (settled.done = true));
    await sleep(300);
    expect(settled.done).toBe(false); // held on the reports' cursor
    await evaluation.commit();
    await reversal;

    const entries = await app.orm.em.fork().find(PointEntry, {
      $or: [{ eventKey: key }, { eventKey: { $like: `reversal:${key}:%` } }],
    });
    expect(entries.map((e) => e.points).sort()).toEqual([-1, 1]);
  });
});
