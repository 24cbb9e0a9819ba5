import type { AppServices } from '../../app-services.js';
import { defineJob } from '../../jobs/scheduler.js';
import { deliverDueWebhooks } from '../delivery-service.js';

export const DELIVER_WEBHOOKS_JOB = 'webhooks:deliver';

/**
 * Every 15 seconds: sends the webhook deliveries that are due (new ones, and retries whose
 * back-off ran out). One run at a time per process; claims keep processes apart.
 */
export function deliverWebhooksJob(s: AppServices) {
  return defineJob({
    name: DELIVER_WEBHOOKS_JOB,
    recurring: { cron: '*/15 * * * * *' },
    concurrency: 1,
    lockLifetimeMs: 5 * 60_000,
    async run() {
      await deliverDueWebhooks(s);
    },
  });
}
