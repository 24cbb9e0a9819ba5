import type { AppServices } from '../../app-services.js';
import { defineJob } from '../../jobs/scheduler.js';
import type { ChatEngine } from '../engine.js';
import { resumeUnhandledInbound } from '../inbound/resume-inbound.js';

export const RESUME_INBOUND_JOB = 'chat:resume-inbound';

/**
 * Every minute, and so soon after a restart or once the database is back: events stored but
 * left unhandled are handled, their answers sent through the outbox.
 */
export function resumeInboundJob(s: AppServices, engine: ChatEngine) {
  return defineJob({
    name: RESUME_INBOUND_JOB,
    recurring: { cron: '* * * * *' },
    concurrency: 1,
    async run() {
      await resumeUnhandledInbound({ ...s, engine });
    },
  });
}
