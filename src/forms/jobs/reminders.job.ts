import { unitOf, type AppServices } from '../../app-services.js';
import { defineJob } from '../../jobs/scheduler.js';
import { remindMissedForms } from '../reminder-service.js';

export const FORM_REMINDERS_JOB = 'forms:reminders';

/** Every quarter hour: scheduled forms not filled in yet, to their people, then their lead. */
export function formRemindersJob(s: AppServices) {
  return defineJob({
    name: FORM_REMINDERS_JOB,
    recurring: { cron: '*/15 * * * *' },
    async run() {
      if (s.config.forms.list.length === 0) return;
      const unit = unitOf(s);
      const sent = await unit.em.transactional(async (tx) => remindMissedForms({ ...unit, em: tx }));
      if (sent > 0) s.logger.info({ sent }, 'form reminders queued');
    },
  });
}
