/**
 * Exponential back-off with full jitter (AWS architecture blog's "full jitter"): spreads the
 * retries of many messages that failed together, e.g. after a platform outage.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claimed message stays ours before another dispatcher may take it over. */
  leaseMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  leaseMs: 60_000,
};

export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  // Never less than the base delay: a retry in the same instant would meet the same fault.
  return Math.max(policy.baseDelayMs, Math.round(random() * ceiling));
}
