import type { AppServices } from '../../app-services.js';
import { defineJob } from '../../jobs/scheduler.js';
import { scanReminders } from '../reminder-service.js';
import { sendPendingSms } from '../sms/sms-sender.js';
import { smsProviderFrom } from '../sms/sms-settings.js';
import type { SmsProvider } from '../sms/sms-provider.js';

export const OUTSOURCING_REMINDERS_JOB = 'outsourcing:reminders';

/**
 * Every minute: late and nearly-late outsourced batches chase themselves (reminder,
 * repeats, escalation), then the SMS of reminders just recorded are sent. `sms` is for
 * tests; the server uses the provider the settings configure.
 */
export function outsourcingRemindersJob(
  s: AppServices,
  sms: SmsProvider | undefined = smsProviderFrom(s.settings.sms),
) {
  return defineJob({
    name: OUTSOURCING_REMINDERS_JOB,
    recurring: { cron: '* * * * *' },
    // A scan that outlives a minute is not started again beside itself in this process.
    concurrency: 1,
    async run() {
      const em = s.orm.em.fork();
      await scanReminders({ ...s, em, smsEnabled: sms !== undefined });
      if (sms) await sendPendingSms(s.orm.em.fork(), sms, s.logger);
    },
  });
}
