import type { DeliveryResult } from '../../chat/channel.js';
import type { WecomAnswer } from './api-client.js';

/** Codes that mean our configuration is wrong: retrying changes nothing (§1, §2). */
export const CONFIG_ERRORS = new Set([40001, 40013, 40091, 60020, 48002, 50003, 41001, 60011]);

/**
 * What an answer means for the outbox. System busy and concurrency limits are retried soon;
 * a frequency block lasts 60 s for a minute limit (§2), so the retry waits that long.
 */
export function deliveryOutcome(answer: WecomAnswer, details: Record<string, unknown> = {}): DeliveryResult {
  if (answer.errcode === 0) return { ok: true, details };
  const error = `${answer.errcode} ${answer.errmsg}`;
  if (answer.errcode === 45009) return { ok: false, retryable: true, error, retryAfterMs: 60_000 };
  if (answer.errcode === -1 || answer.errcode === 45033)
    return { ok: false, retryable: true, error, retryAfterMs: 2_000 };
  if (answer.errcode === 40014 || answer.errcode === 42001) return { ok: false, retryable: true, error };
  return { ok: false, retryable: false, error };
}
