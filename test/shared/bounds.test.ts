import { describe, expect, it } from 'vitest';
import { OutOfBoundsError } from '../../src/shared/bounds/bounds-error.js';
import { businessDay, businessInstant } from '../../src/shared/bounds/business-time.js';
import { charCount, isInt32, jsonDepthExceeds, longerThan } from '../../src/shared/bounds/checks.js';

describe('the bound helpers', () => {
  it('count characters as MariaDB does: an emoji is one', () => {
    expect(charCount('🔧'.repeat(500))).toBe(500);
    expect(longerThan('🔧'.repeat(500), 500)).toBe(false);
    expect(longerThan('🔧'.repeat(501), 500)).toBe(true);
    expect(longerThan('x'.repeat(1001), 500)).toBe(true);
  });

  it('hold integers to INT: 2147483648 and 1e20 are out, 2147483647 is in', () => {
    expect([2147483647, -2147483648].map(isInt32)).toEqual([true, true]);
    expect([2147483648, 1e20, 1.5, -2147483649].map(isInt32)).toEqual([false, false, false, false]);
  });

  it('measure JSON depth without recursion, even 100,000 levels deep', () => {
    const nest = (n: number) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`) as unknown;
    expect(jsonDepthExceeds(nest(32), 32)).toBe(false);
    expect(jsonDepthExceeds(nest(33), 32)).toBe(true);
    expect(jsonDepthExceeds(nest(100_000), 32)).toBe(true);
    expect(jsonDepthExceeds({ a: [1, { b: 2 }], c: 'x' }, 3)).toBe(false);
    expect(jsonDepthExceeds('scalar', 0)).toBe(false);
  });

  it('keep business times between 2000 and five years ahead, reading the offset', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    expect(businessInstant('at', '2031-11-22T12:00-12:00', now).toISOString()).toBe(
      '2031-11-23T00:00:00.000Z',
    );
    for (const text of ['2031-11-22T12:01-12:00', '9999-12-31T23:59-12:00', '0000-01-01T00:00Z', 'soon'])
      expect(() => businessInstant('at', text, now)).toThrow(OutOfBoundsError);
    expect(businessDay('day', '2026-02-28', now)).toBe('2026-02-28');
    for (const day of ['2026-02-31', '1999-12-31', '2032-01-01'])
      expect(() => businessDay('day', day, now)).toThrow(/day: bad time/);
  });
});
