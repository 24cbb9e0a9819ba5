import type { FailureKind } from './types.js';

/**
 * Admits at most `limit` calls per key within any `windowMs` (a sliding window, measured by the
 * fake's clock). Rejected calls are not counted: the platform refuses them at its gateway.
 */
export class SlidingWindowLimiter {
  private readonly admitted = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  tryAdmit(key: string): boolean {
    const at = this.now();
    const recent = (this.admitted.get(key) ?? []).filter((t) => at - t < this.windowMs);
    const admit = recent.length < this.limit;
    if (admit) recent.push(at);
    this.admitted.set(key, recent);
    return admit;
  }
}

/** Calendar month in China time (UTC+8), where the org's monthly quota (§6) resets. */
function chinaMonth(ms: number): string {
  const date = new Date(ms + 8 * 3_600_000);
  return `${date.getUTCFullYear()}-${date.getUTCMonth() + 1}`;
}

/** §6: the org-wide monthly call count; exempt APIs never reach it. */
export class MonthlyQuota {
  private month = '';
  private used = 0;

  constructor(
    private readonly limit: number | undefined,
    private readonly now: () => number,
  ) {}

  tryConsume(): boolean {
    const month = chinaMonth(this.now());
    if (month !== this.month) {
      this.month = month;
      this.used = 0;
    }
    if (this.limit !== undefined && this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }

  get usedThisMonth(): number {
    return chinaMonth(this.now()) === this.month ? this.used : 0;
  }
}

/** Failures a test asked for on a path, served in order before anything else is checked. */
export class FailureInjector {
  private readonly queued = new Map<string, FailureKind[]>();

  add(path: string, kind: FailureKind, times: number): void {
    const queue = this.queued.get(path) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(kind);
    this.queued.set(path, queue);
  }

  take(path: string): FailureKind | undefined {
    return this.queued.get(path)?.shift();
  }
}
