import { pointTriggersOf } from '../capabilities/assembled.js';
import type { DemoContext } from '../demo/demo-context.js';
import { evaluateIncentives } from './evaluation-service.js';

/** The demo week scored under the factory's own rules, so 积分 and 排行 have points on any weekday. */
export async function scoreDemoWeek(ctx: DemoContext): Promise<void> {
  const { em, scoring, tz, clock } = ctx;
  const { capabilities } = ctx.unit(em);
  await evaluateIncentives({
    em: em.fork(),
    config: scoring,
    tz,
    now: clock.now(),
    triggers: pointTriggersOf(capabilities),
  });
}
