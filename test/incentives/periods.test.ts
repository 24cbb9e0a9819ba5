import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekOf } from '../../src/incentives/periods.js';
import { dayjs } from '../../src/shared/time.js';

const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe'];

describe('the week an instant falls in', () => {
  it('runs from a local Monday 00:00 to the next, holds the instant, and is the same when asked again', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3 }),
        (at, tz, weeksBack) => {
          const week = weekOf(at, tz, weeksBack);
          const monday = dayjs(week.from).tz(tz);
          expect([monday.day(), monday.format('HH:mm:ss.SSS')]).toEqual([1, '00:00:00.000']);
          expect(dayjs(week.to).tz(tz).format('YYYY-MM-DD')).toBe(
            dayjs.utc(week.firstDay).add(7, 'day').format('YYYY-MM-DD'),
          );
          // The local day, that many weeks back, lies in it.
          const back = dayjs.utc(dayjs(at).tz(tz).format('YYYY-MM-DD')).subtract(weeksBack, 'week');
          expect(
            week.firstDay <= back.format('YYYY-MM-DD') && back.format('YYYY-MM-DD') <= week.lastDay,
          ).toBe(true);
          expect(week.lastDay).toBe(dayjs.utc(week.firstDay).add(6, 'day').format('YYYY-MM-DD'));
          // A kept answer is a copy: changing it does not change the next one.
          week.from.setTime(0);
          expect(weekOf(at, tz, weeksBack).from.getTime()).toBe(monday.valueOf());
        },
      ),
      { numRuns: 1000 },
    );
  });
});
