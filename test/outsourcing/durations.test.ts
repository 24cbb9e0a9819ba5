import { describe, expect, it } from 'vitest';
import { duration } from '../../src/outsourcing/messages.js';

const minutes = (n: number) => n * 60_000;

describe('how long a batch is late or has left, as chase messages say it', () => {
  it('counts minutes within a day, and whole hours from a day on', () => {
    expect(duration(minutes(1))).toBe('1 分钟');
    expect(duration(minutes(330))).toBe('5 小时 30 分钟');
    expect(duration(minutes(1439))).toBe('23 小时 59 分钟');
    expect(duration(minutes(1440 + 21 * 60 + 54))).toBe('1 天 21 小时');
    expect(duration(minutes(2 * 1440 + 59))).toBe('2 天');
  });

  it('never rounds a batch up to later than it is', () => {
    expect(duration(minutes(1440) - 1)).toBe('23 小时 59 分钟');
  });
});
