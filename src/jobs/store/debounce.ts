import type { DebounceOptions } from 'agenda';

export interface DebounceState {
  nextRunAt: Date | null;
  debounceStartedAt: Date | null;
}

/**
 * When a debounced job saved at `now` runs, given the job already stored under the same
 * `unique()` key, if any (Agenda's `Job.debounce()` documentation):
 * - trailing (default): run `delay` after the last save, but never later than `maxWait`
 *   after the first save of the burst; once `maxWait` has passed, run now.
 * - leading: run on the first save; saves within `delay` of it change the data only.
 * A stored job that has already run (its `nextRunAt` is null) ends the burst, so the next
 * save starts a new one instead of inheriting a stale start time.
 */
export function debounceSchedule(
  options: DebounceOptions,
  now: Date,
  requested: Date | null,
  stored: DebounceState | undefined,
): DebounceState {
  const startedAt = stored?.debounceStartedAt ?? undefined;
  if (options.strategy === 'leading') {
    if (stored && startedAt && now.getTime() - startedAt.getTime() < options.delay) {
      return { nextRunAt: stored.nextRunAt, debounceStartedAt: startedAt };
    }
    return { nextRunAt: requested, debounceStartedAt: now };
  }
  const burstStart = stored && stored.nextRunAt !== null && startedAt ? startedAt : now;
  const deadline =
    options.maxWait === undefined ? Number.POSITIVE_INFINITY : burstStart.getTime() + options.maxWait;
  if (deadline <= now.getTime()) return { nextRunAt: now, debounceStartedAt: null };
  return {
    nextRunAt: new Date(Math.min(now.getTime() + options.delay, deadline)),
    debounceStartedAt: burstStart,
  };
}
