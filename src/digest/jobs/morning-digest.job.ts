import type { AppServices } from '../../app-services.js';
import { defineJob } from '../../jobs/scheduler.js';
import { sendMorningDigest, yesterdayOf } from '../digest-service.js';

export const MORNING_DIGEST_JOB = 'digest:morning';

/** At `digest.time` (factory zone, default 07:30): yesterday's figures to every supervisor. */
export function morningDigestJob(s: AppServices) {
  return defineJob({
    name: MORNING_DIGEST_JOB,
    recurring: { dailyAt: s.config.digest.time },
    async run() {
      const now = s.clock.now();
      const day = yesterdayOf(now, s.tz);
      const sent = await sendMorningDigest(
        { em: s.orm.em.fork(), outbox: s.outbox, config: s.config, tz: s.tz, now },
        day,
      );
      s.logger.info({ day, sent }, sent ? 'morning digest queued' : 'morning digest was already queued');
    },
  });
}
