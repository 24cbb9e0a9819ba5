import { EvaluationCursor } from '../../src/incentives/evaluation-cursor.entity.js';
import { PointEntry } from '../../src/incentives/point-entry.entity.js';
import { ManualClock } from '../../src/shared/clock.js';
import { wecomEnv } from '../channels/wecom-app/callback-client.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import type { TestAppOptions } from '../support/test-app.js';

/**
 * Rules that touch every trigger the work-order loop feeds, with both kinds of cap. The
 * conditions are chosen so that the demo week has winners and losers under each.
 */
export const rulesYaml = `
incentives:
  leaderboardSize: 3
  rules:
    - { id: report, name: 报工, on: work_report, points: 1, dailyCap: 2 }
    - id: big-batch
      name: 大批量零报废
      on: work_report
      when: good >= 100 and scrap == 0
      points: 5
      weeklyCap: 8
    - { id: early-finish, name: 提前完工, on: task_finished, when: "minutesBeforePlannedEnd >= -60", points: 3 }
    - { id: full-shift, name: 当班全部报工, on: shift_reported, points: 2 }
`;

/** Monday 2026-11-30 09:10 in Shanghai: seeded now, the demo's week of history is exactly last week. */
export const MONDAY_0910 = '2026-11-30T01:10:00Z';

/**
 * The demo shop seeded on a Monday morning, with the WeCom app switched on (its API is never
 * called: nothing is dispatched in tests) so that a team's messages resolve to its group. One
 * thing is added to the demo week: 刘洋 starts WO-DEMO-006 on Sunday and never reports it.
 */
export async function startIncentivesDemo(options: TestAppOptions = {}): Promise<DemoApp> {
  const clock = options.clock ?? new ManualClock(MONDAY_0910);
  const app = await startDemoApp({ factory: rulesYaml, env: wecomEnv(), ...options, clock });
  if (!options.db) {
    clock.set('2026-11-29T02:00:00Z');
    await app.as('liuyang').say('开工 WO-DEMO-006');
    clock.set(MONDAY_0910);
    // The seed scored the week before that 开工 was slipped into Sunday: the tests score it
    // again from scratch, as the evaluation job does on a fresh database.
    await app.orm.em.fork().nativeDelete(PointEntry, {});
    await app.orm.em.fork().nativeDelete(EvaluationCursor, {});
  }
  return app;
}
