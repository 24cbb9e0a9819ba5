import { describe, expect, it } from 'vitest';
import { debounceSchedule } from '../../src/jobs/store/debounce.js';

describe('debounced saves (Agenda Job.debounce): when the job runs', () => {
  const t0 = new Date('2026-01-05T00:00:00.000Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('trailing: a first save runs after the delay; each further save pushes the run back', () => {
    const first = debounceSchedule({ delay: 1000 }, t0, t0, undefined);
    expect(first).toEqual({ nextRunAt: at(1000), debounceStartedAt: t0 });
    expect(debounceSchedule({ delay: 1000 }, at(200), at(200), first)).toEqual({
      nextRunAt: at(1200),
      debounceStartedAt: t0,
    });
  });

  it('trailing with maxWait: never later than maxWait after the first save, and at once past it', () => {
    const first = debounceSchedule({ delay: 2000, maxWait: 2000 }, t0, t0, undefined);
    const second = debounceSchedule({ delay: 2000, maxWait: 2000 }, at(500), at(500), first);
    expect(second).toEqual({ nextRunAt: at(2000), debounceStartedAt: t0 });
    expect(debounceSchedule({ delay: 2000, maxWait: 500 }, at(600), at(600), first)).toEqual({
      nextRunAt: at(600),
      debounceStartedAt: null,
    });
  });

  it('trailing: a burst whose job already ran starts afresh instead of inheriting the old start', () => {
    const ran = { nextRunAt: null, debounceStartedAt: t0 };
    expect(debounceSchedule({ delay: 1000, maxWait: 5000 }, at(60_000), at(60_000), ran)).toEqual({
      nextRunAt: at(61_000),
      debounceStartedAt: at(60_000),
    });
  });

  it('leading: runs on the first save, later saves within the window keep that run, after it a save runs again', () => {
    const first = debounceSchedule({ delay: 5000, strategy: 'leading' }, t0, t0, undefined);
    expect(first).toEqual({ nextRunAt: t0, debounceStartedAt: t0 });
    const ran = { nextRunAt: null, debounceStartedAt: t0 };
    expect(debounceSchedule({ delay: 5000, strategy: 'leading' }, at(200), at(200), ran)).toEqual(ran);
    expect(debounceSchedule({ delay: 5000, strategy: 'leading' }, at(6000), at(6000), ran)).toEqual({
      nextRunAt: at(6000),
      debounceStartedAt: at(6000),
    });
  });
});
