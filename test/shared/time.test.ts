import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLocalTime, dayjs, inZone, localDateOf, zonedAt } from '../../src/shared/time.js';

// Zones with and without DST, half- and quarter-hour offsets, and one with a 30-minute DST step.
const zones = [
  'Asia/Shanghai',
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];

/** What later code reads from a zoned instance: its fields, its instant, and what it derives. */
function reading(local: ReturnType<typeof inZone>) {
  return {
    format: local.format('YYYY-MM-DD HH:mm:ss.SSS Z d'),
    instant: local.valueOf(),
    offset: local.utcOffset(),
    startOfDay: local.startOf('day').valueOf(),
    startOfMonth: local.startOf('month').format(),
    nextDay: local.add(1, 'day').format(),
    weekBack: local.subtract(1, 'week').startOf('day').toISOString(),
    at0730: local.hour(7).minute(30).second(0).millisecond(0).toDate().toISOString(),
  };
}

describe('the factory-zone view of an instant', () => {
  it('reads exactly as dayjs(at).tz(zone) does, its calendar day too, for any instant in any zone', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (at, tz) => {
          expect(reading(inZone(at, tz))).toEqual(reading(dayjs(at).tz(tz)));
          expect(localDateOf(at, tz)).toBe(dayjs(at).tz(tz).format('YYYY-MM-DD'));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads exactly as dayjs does around the DST changes of 2026, minute by minute', () => {
    const changes = [
      ['America/New_York', '2026-03-08T06:30:00Z'],
      ['America/New_York', '2026-11-01T05:30:00Z'],
      ['Europe/Berlin', '2026-03-29T00:30:00Z'],
      ['Europe/Berlin', '2026-10-25T00:30:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T14:30:00Z'],
    ] as const;
    for (const [tz, around] of changes) {
      for (let minute = 0; minute <= 60; minute++) {
        const at = new Date(new Date(around).getTime() + minute * 60_000 + 123);
        expect(reading(inZone(at, tz)), `${tz} ${at.toISOString()}`).toEqual(reading(dayjs(at).tz(tz)));
      }
    }
  });

  it('reads a factory-local day and time exactly as dayjs.tz does, in gaps and overlaps too', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45, 59),
        fc.constantFrom(...zones),
        (date, hour, minute, tz) => {
          const day = date.toISOString().slice(0, 10);
          const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          expect(reading(zonedAt(day, hhmm, tz))).toEqual(reading(dayjs.tz(`${day} ${hhmm}`, tz)));
        },
      ),
      { numRuns: 2000 },
    );
    // The hour the clocks skip and the hour they repeat, in New York and Berlin.
    for (const [day, tz] of [
      ['2026-03-08', 'America/New_York'],
      ['2026-11-01', 'America/New_York'],
      ['2026-03-29', 'Europe/Berlin'],
      ['2026-10-25', 'Europe/Berlin'],
    ] as const) {
      for (const hhmm of ['00:30', '01:00', '01:30', '02:00', '02:30', '03:00', '03:30']) {
        expect(reading(zonedAt(day, hhmm, tz)), `${day} ${hhmm} ${tz}`).toEqual(
          reading(dayjs.tz(`${day} ${hhmm}`, tz)),
        );
      }
    }
  });

  it('puts 07:30 on the factory-local day, however late it is in UTC', () => {
    // 20:00 UTC on 30 November is already 1 December in Shanghai.
    expect(atLocalTime(new Date('2026-11-30T20:00:00Z'), '07:30', 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-30T23:30:00.000Z',
    );
  });
});
