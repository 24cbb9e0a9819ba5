import { describe, expect, it } from 'vitest';
import { formatSerial, serialPatternProblems } from '../../src/quality/serials/serial-pattern.js';

/** The serials a factory's pattern makes, on the factory's own calendar day. */
describe('serial patterns', () => {
  const piece = { lot: 'WO-7', item: 'FLG-300', n: 12, tz: 'Asia/Shanghai' };

  it('fills the output lot and the zero-padded piece number, never cutting a longer number', () => {
    const at = new Date('2026-11-24T02:00:00Z');
    expect(formatSerial('{lot}-{n:4}', { ...piece, at })).toBe('WO-7-0012');
    expect(formatSerial('{lot}-{n:4}', { ...piece, n: 12_345, at })).toBe('WO-7-12345');
    expect(formatSerial('{lot}/{n}', { ...piece, at })).toBe('WO-7/12');
  });

  it('dates a serial by the 终检’s day in the factory’s zone, upper-cased like lot numbers', () => {
    // 17:30 UTC on the 30th is 01:30 on 1 December in Shanghai.
    const at = new Date('2026-11-30T17:30:00Z');
    expect(formatSerial('sn{yyyy}{mm}{dd}-{item}-{lot}-{n:3}', { ...piece, at })).toBe(
      'SN20261201-FLG-300-WO-7-012',
    );
    expect(formatSerial('{yy}{mm}{lot}{n:2}', { ...piece, at })).toBe('2612WO-712');
  });

  it('accepts a pattern only with the lot and one piece number, and words it knows', () => {
    expect(serialPatternProblems('{lot}-{n:4}')).toEqual([]);
    expect(serialPatternProblems('{item}-{n}')).toEqual(['needs {lot}, so serials of two orders never meet']);
    expect(serialPatternProblems('{lot}')).toEqual(['needs {n} (or {n:4}, zero-padded) exactly once']);
    expect(serialPatternProblems('{lot}-{n}-{hh}')).toEqual(['unknown {hh}']);
  });
});
