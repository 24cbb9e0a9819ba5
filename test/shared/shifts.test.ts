import { describe, expect, it } from 'vitest';
import type { ShiftConfig } from '../../src/config/factory-config.js';
import { shiftAt, shiftsStartingIn } from '../../src/shared/shifts.js';
import { dayjs } from '../../src/shared/time.js';

const SHIFTS: ShiftConfig[] = [
  { name: '早班', start: '06:00', end: '14:00' },
  { name: '中班', start: '14:00', end: '22:00' },
  { name: '夜班', start: '22:00', end: '06:00' },
] as ShiftConfig[];

/** The same question answered with dayjs's own zone arithmetic, slowly. */
function referenceShiftAt(at: Date, tz: string): { name: string; start: number; end: number } | undefined {
  const local = dayjs(at).tz(tz);
  for (const offset of [0, -1]) {
    const day = local.add(offset, 'day').format('YYYY-MM-DD');
    for (const shift of SHIFTS) {
      const start = dayjs.tz(`${day} ${shift.start}`, tz);
      let end = dayjs.tz(`${day} ${shift.end}`, tz);
      if (end.valueOf() <= start.valueOf())
        end = dayjs.tz(`${dayjs(day).add(1, 'day').format('YYYY-MM-DD')} ${shift.end}`, tz);
      if (start.valueOf() <= at.getTime() && end.valueOf() > at.getTime())
        return { name: shift.name, start: start.valueOf(), end: end.valueOf() };
    }
  }
  return undefined;
}

describe('shifts in the factory zone', () => {
  it('puts 01:30 on the night shift that started the evening before', () => {
    const shift = shiftAt(new Date('2026-11-30T17:30:00Z'), SHIFTS, 'Asia/Shanghai'); // 01:30 in Shanghai
    expect(shift).toEqual({
      name: '夜班',
      start: new Date('2026-11-30T14:00:00Z'),
      end: new Date('2026-11-30T22:00:00Z'),
    });
  });

  it('reads the same clock times in each zone apart, asked one after the other', () => {
    const at = new Date('2026-11-30T07:00:00Z'); // 15:00 in Shanghai, 08:00 in Berlin
    for (let round = 0; round < 2; round++) {
      expect(shiftAt(at, SHIFTS, 'Asia/Shanghai')).toEqual({
        name: '中班',
        start: new Date('2026-11-30T06:00:00Z'),
        end: new Date('2026-11-30T14:00:00Z'),
      });
      expect(shiftAt(at, SHIFTS, 'Europe/Berlin')).toEqual({
        name: '早班',
        start: new Date('2026-11-30T05:00:00Z'),
        end: new Date('2026-11-30T13:00:00Z'),
      });
    }
  });

  it('agrees with dayjs, and leaves no instant outside a shift, across both DST changes in Berlin', () => {
    for (const [from, to] of [
      ['2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z'],
      ['2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z'],
    ] as const) {
      for (let t = Date.parse(from); t < Date.parse(to); t += 17 * 60_000) {
        const ours = shiftAt(new Date(t), SHIFTS, 'Europe/Berlin');
        const expected = referenceShiftAt(new Date(t), 'Europe/Berlin');
        expect(ours && { name: ours.name, start: ours.start.getTime(), end: ours.end.getTime() }).toEqual(
          expected,
        );
        expect(ours, `no shift at ${new Date(t).toISOString()}`).toBeDefined();
      }
    }
  });

  it('lists the shifts starting in a window, in order', () => {
    const starts = shiftsStartingIn(
      new Date('2026-11-30T22:00:00Z'), // 06:00 on 1 December in Shanghai
      new Date('2026-12-01T22:00:00Z'),
      SHIFTS,
      'Asia/Shanghai',
    );
    expect(starts.map((s) => [s.name, s.start.toISOString()])).toEqual([
      ['早班', '2026-11-30T22:00:00.000Z'],
      ['中班', '2026-12-01T06:00:00.000Z'],
      ['夜班', '2026-12-01T14:00:00.000Z'],
    ]);
  });
});

it('makes the night shift of the autumn change nine hours long', () => {
  // 22:00 CEST on 24 October to 06:00 CET on 25 October.
  const night = shiftAt(new Date('2026-10-25T03:30:00Z'), SHIFTS, 'Europe/Berlin');
  expect(night).toEqual({
    name: '夜班',
    start: new Date('2026-10-24T20:00:00Z'),
    end: new Date('2026-10-25T05:00:00Z'),
  });
});
