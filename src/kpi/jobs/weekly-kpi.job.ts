import { unitOf, type AppServices } from '../../app-services.js';
import { defineJob } from '../../jobs/scheduler.js';
import { sendWeeklyKpis } from '../weekly-service.js';

export const WEEKLY_KPI_JOB = 'kpi:weekly';

/** Cron for `kpi.weekly`: ISO weekday 1–7 (Monday first) becomes cron's 0–6 (Sunday first). */
export function weeklyCron(weekly: { day: number; time: string }): string {
  const [hour, minute] = weekly.time.split(':').map(Number);
  return `${minute} ${hour} * * ${weekly.day % 7}`;
}

/** Every week at `kpi.weekly` (factory zone): last week's KPIs and their trend to each manager. */
export function weeklyKpiJob(s: AppServices) {
  return defineJob({
    name: WEEKLY_KPI_JOB,
    recurring: { cron: weeklyCron(s.config.kpi.weekly) },
    async run() {
      const unit = unitOf(s);
      const sent = await sendWeeklyKpis({
        em: unit.em,
        outbox: s.outbox,
        config: s.config,
        tz: s.tz,
        now: s.clock.now(),
      });
      s.logger.info({ sent }, sent ? 'weekly KPI message queued' : 'weekly KPI message was already queued');
    },
  });
}
