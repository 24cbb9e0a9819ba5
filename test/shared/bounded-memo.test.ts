import { expect, it } from 'vitest';
import { BoundedMemo } from '../../src/shared/bounded-memo.js';

it('works an answer out once, and forgets the oldest once it holds its maximum', () => {
  const memo = new BoundedMemo<number>(2);
  const worked: string[] = [];
  const ask = (key: string) => memo.get(key, () => (worked.push(key), key.length));
  expect([ask('a'), ask('bb'), ask('a')]).toEqual([1, 2, 1]);
  expect(worked).toEqual(['a', 'bb']);
  ask('ccc'); // full: 'a', the oldest, is forgotten
  expect([ask('bb'), ask('a')]).toEqual([2, 1]);
  expect(worked).toEqual(['a', 'bb', 'ccc', 'a']);
});
