import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { ChatEngine } from '../engine.js';
import { chatMessages as m } from '../messages.js';
import { eventOf } from './inbound-log.js';
import { InboundRecord } from './inbound-record.entity.js';

export interface ResumeInboundDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  engine: Pick<ChatEngine, 'handle' | 'giveUp'>;
}

/**
 * An event younger than this may still be in the hands of the request that stored it (the
 * passive answer window is 5 s, platform retries come within seconds); resuming it then would
 * answer it twice, once passively and once through the outbox.
 */
export const RESUME_GRACE_MS = 60_000;
/** An event whose handling fails this often is closed, and its sender told it took no effect. */
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
      const attempt = record.resumeAttempts + 1;
      const last = attempt >= RESUME_MAX_ATTEMPTS;
      logger.error(
        { err: error, inboundId: record.id, attempt },
        last
          ? 'stored inbound event failed every retry; its sender is told it took no effect'
          : 'stored inbound event could not be handled; it is tried again later',
      );
      if (last)
        await engine.giveUp(eventOf(record), { kind: 'text', text: m.unhandledGivenUp(saidIn(record)) });
    }
  }
  if (stale.length > 0) logger.info(outcome, 'stored inbound events resumed');
  return outcome;
}

/** What the person typed, to name the message in the answer; a tap or a scan has no words. */
function saidIn(record: InboundRecord): string | undefined {
  const { text } = record.payload as { text?: unknown };
  return typeof text === 'string' ? text : undefined;
}
