import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { ChatEngine } from '../engine.js';
import { eventOf } from './inbound-log.js';
import { InboundRecord } from './inbound-record.entity.js';

export interface ResumeInboundDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  engine: Pick<ChatEngine, 'handle'>;
}

/**
 * An event younger than this may still be in the hands of the request that stored it (the
 * passive answer window is 5 s, platform retries come within seconds); resuming it then would
 * answer it twice, once passively and once through the outbox.
 */
export const RESUME_GRACE_MS = 60_000;
/** An event whose handling fails this often is left alone (and stays visible as unhandled). */
export const RESUME_MAX_ATTEMPTS = 5;
const BATCH = 50;

export interface ResumeOutcome {
  /** Handled by this pass. */
  resumed: number;
  failed: number;
}

/**
 * Handles again the events that were stored but never handled: the process died, or the
 * database went away, between storing and committing. The original answer window is gone, so
 * replies go through the outbox. The engine locks each event's row, so a live request still
 * handling one (or another instance resuming it) is never doubled: the loser finds it handled.
 */
export async function resumeUnhandledInbound(deps: ResumeInboundDeps): Promise<ResumeOutcome> {
  const { orm, clock, logger, engine } = deps;
  const em = orm.em.fork();
  const stale = await em.find(
    InboundRecord,
    {
      handledAt: null,
      receivedAt: { $lt: new Date(clock.now().getTime() - RESUME_GRACE_MS) },
      resumeAttempts: { $lt: RESUME_MAX_ATTEMPTS },
    },
    { orderBy: { id: 'asc' }, limit: BATCH },
  );
  const outcome: ResumeOutcome = { resumed: 0, failed: 0 };
  for (const record of stale) {
    // Counted before the attempt, so an event that kills the process every time still runs out.
    await em.nativeUpdate(InboundRecord, { id: record.id }, { resumeAttempts: record.resumeAttempts + 1 });
    try {
      const { duplicate } = await engine.handle(eventOf(record), { repliesThroughOutbox: true });
      // Duplicate: a live request (or another instance) finished it while this pass waited.
      if (!duplicate) outcome.resumed++;
    } catch (error) {
      outcome.failed++;
      logger.error(
        { err: error, inboundId: record.id, attempt: record.resumeAttempts + 1 },
        'stored inbound event could not be handled; it is tried again later',
      );
    }
  }
  if (stale.length > 0) logger.info(outcome, 'stored inbound events resumed');
  return outcome;
}
