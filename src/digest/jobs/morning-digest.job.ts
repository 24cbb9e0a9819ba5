import { unitOf, type AppServices } from '../../app-services.js';
import { defineJob } from '../../jobs/scheduler.js';
import { digestRunTime, dueDigestDay } from '../digest-day.js';
import { sendMorningDigest } from '../digest-service.js';

export const MORNING_DIGEST_JOB = 'digest:morning';

/**
 * Every morning, once the last production day's last shift has ended (and not before
 * `digest.time`): that day's figures to every supervisor. With 白班 08:00–20:00 and 夜班
 * 20:00–08:00 that is 08:00, after the night shift, even though digest.time says 07:30.
 */
export function morningDigestJob(s: AppServices) {
  return defineJob({
    name: MORNING_DIGEST_JOB,
    recurring: { dailyAt: digestRunTime(s.clock.now(), s.config, s.tz) },
    async run() {
      const now = s.clock.now();
      const day = dueDigestDay(now, s.config, s.tz);
      const unit = unitOf(s);
      const sent = await sendMorningDigest(
        { em: unit.em, outbox: s.outbox, config: s.config, tz: s.tz, now, unit },
        day,
      );
      s.logger.info({ day, sent }, sent ? 'morning digest queued' : 'morning digest was already queued');
    },
  });
}
