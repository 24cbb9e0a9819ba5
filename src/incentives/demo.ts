import type { DemoContext } from '../demo/demo-context.js';
import { evaluateIncentives } from './evaluation-service.js';

/** The demo week scored under the factory's own rules, so 积分 and 排行 have points on any weekday. */
export async function scoreDemoWeek({ em, scoring, tz, clock }: DemoContext): Promise<void> {
  await evaluateIncentives({ em: em.fork(), config: scoring, tz, now: clock.now() });
}
