import type { AppServices } from '../../app-services.js';
import { pointTriggersOf } from '../../capabilities/assembled.js';
import { defineJob } from '../../jobs/scheduler.js';
import { evaluateIncentives } from '../evaluation-service.js';

export const EVALUATE_INCENTIVES_JOB = 'incentives:evaluate';

/** Every minute: pays the rules for what happened since the last run (at most a minute late). */
export function evaluateIncentivesJob(s: AppServices) {
  return defineJob({
    name: EVALUATE_INCENTIVES_JOB,
    recurring: { cron: '* * * * *' },
    concurrency: 1,
    async run() {
      const written = await evaluateIncentives({
        em: s.orm.em.fork(),
        config: s.config,
        tz: s.tz,
        now: s.clock.now(),
        triggers: pointTriggersOf(s.capabilities),
      });
      if (Object.values(written).some((n) => n > 0)) s.logger.debug({ written }, 'incentive points awarded');
    },
  });
}
