import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatDuration } from '../../src/shared/display.js';

const tz = 'Asia/Shanghai';

describe('how times and lengths of time read in messages', () => {
  it('reads durations in 天/小时/分钟, leaving out the parts that are zero, and from a day on in whole hours', () => {
    expect(formatDuration(45)).toBe('45 分钟');
    expect(formatDuration(180)).toBe('3 小时');
    expect(formatDuration(1439)).toBe('23 小时 59 分钟');
    expect(formatDuration(1814)).toBe('1 天 6 小时');
    expect(formatDuration(1440 * 2 + 5)).toBe('2 天');
    expect(formatDuration(1440 + 59.6)).toBe('1 天');
    expect(formatDuration(0)).toBe('0 分钟');
  });

  it('shows the year only when it is not this year, in the factory zone', () => {
    const now = new Date('2026-11-30T05:00:00Z');
    expect(formatDateTime(new Date('2026-11-30T12:15:00Z'), now, tz)).toBe('11-30 20:15');
    expect(formatDateTime(new Date('2027-11-30T12:15:00Z'), now, tz)).toBe('2027-11-30 20:15');
    // 16:30 UTC on New Year's Eve is already next year in Shanghai.
    expect(formatDateTime(new Date('2026-12-31T16:30:00Z'), now, tz)).toBe('2027-01-01 00:30');
    expect(formatDay(new Date('2025-03-01T02:00:00Z'), now, tz)).toBe('2025-03-01');
    expect(formatDay(new Date('2026-03-01T02:00:00Z'), now, tz)).toBe('03-01');
  });
});
