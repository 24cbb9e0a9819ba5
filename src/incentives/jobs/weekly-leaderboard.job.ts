import type { AppServices } from '../../app-services.js';
import { pointTriggersOf } from '../../capabilities/assembled.js';
import type { FactoryConfig } from '../../config/factory-config.js';
import { WEEKDAYS } from '../../config/factory-schema.js';
import { defineJob } from '../../jobs/scheduler.js';
import { evaluateIncentives } from '../evaluation-service.js';
import { sendWeeklyLeaderboard } from '../leaderboard-service.js';

export const WEEKLY_LEADERBOARD_JOB = 'incentives:weekly-leaderboard';

/** `incentives.leaderboardDay` at `leaderboardTime` as cron (day of week: 0 is Sunday). */
export function leaderboardCron({ leaderboardDay, leaderboardTime }: FactoryConfig['incentives']): string {
  const [hour, minute] = leaderboardTime.split(':').map(Number);
  return `${minute ?? 0} ${hour ?? 0} * * ${(WEEKDAYS.indexOf(leaderboardDay) + 1) % 7}`;
}

/** Default Monday 09:10 (factory zone): last week's board to every team group, once. */
export function weeklyLeaderboardJob(s: AppServices) {
  return defineJob({
    name: WEEKLY_LEADERBOARD_JOB,
    recurring: { cron: leaderboardCron(s.config.incentives) },
    async run() {
      const now = s.clock.now();
      const deps = {
        em: s.orm.em.fork(),
        config: s.config,
        tz: s.tz,
        now,
        triggers: pointTriggersOf(s.capabilities),
      };
      // Settle last week first, should the every-minute evaluation be behind.
      await evaluateIncentives(deps);
      const sent = await sendWeeklyLeaderboard({ ...deps, outbox: s.outbox });
      s.logger.info({ sent }, sent ? 'weekly leaderboard queued' : 'weekly leaderboard was already queued');
    },
  });
}
