import { describe, expect, it } from 'vitest';
import { splitFen } from '../../src/pay/team-split.js';

const weights = (pairs: Record<string, number>) =>
  Object.entries(pairs).map(([personId, weight]) => ({ personId, weight }));

describe('splitting a team rate’s earning to the fen', () => {
  it('gives equal parts their floor and the leftover fen to the lowest person ids', () => {
    expect(splitFen(175, weights({ zhangwei: 1, liuyang: 1, huangtao: 1, yangfan: 1 }))).toEqual([
      { personId: 'huangtao', fen: 44 },
      { personId: 'liuyang', fen: 44 },
      { personId: 'yangfan', fen: 44 },
      { personId: 'zhangwei', fen: 43 },
    ]);
  });

  it('splits by hours with the leftover fen to the largest fractions first', () => {
    // 100 fen by 50, 30, 20 minutes: exact.
    expect(splitFen(100, weights({ a: 50, b: 30, c: 20 })).map((s) => s.fen)).toEqual([50, 30, 20]);
    // 10 fen by 2:1 → 6.67 / 3.33: floors 6 and 3, the fen left goes to a (.67).
    expect(splitFen(10, weights({ a: 2, b: 1 })).map((s) => s.fen)).toEqual([7, 3]);
    // 7 fen by 1:2:4 → exact.
    expect(splitFen(7, weights({ a: 1, b: 2, c: 4 })).map((s) => s.fen)).toEqual([1, 2, 4]);
    // 5 fen by 3:3:1 → 2.14, 2.14, 0.71: floors 2, 2, 0; the one fen left goes to c.
    expect(splitFen(5, weights({ a: 3, b: 3, c: 1 })).map((s) => s.fen)).toEqual([2, 2, 1]);
  });

  it('gives nothing to a member without shares, and equal parts when nobody has any', () => {
    expect(splitFen(9, weights({ a: 0, b: 3 })).map((s) => s.fen)).toEqual([0, 9]);
    expect(splitFen(9, weights({ a: 0, b: 0 })).map((s) => s.fen)).toEqual([5, 4]);
  });

  it('takes back a negative amount as the mirror of paying it, and always adds up', () => {
    expect(splitFen(-175, weights({ a: 1, b: 1, c: 1, d: 1 })).map((s) => s.fen)).toEqual([
      -44, -44, -44, -43,
    ]);
    for (const fen of [0, 1, 99, 1001, -37]) {
      const parts = splitFen(fen, weights({ a: 7, b: 11, c: 13 }));
      expect(parts.reduce((sum, s) => sum + s.fen, 0)).toBe(fen);
    }
  });
});
