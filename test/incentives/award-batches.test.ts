import type { EntityManager } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { payInBatches } from '../../src/incentives/award-batches.js';

/** Stands for one ORM: batches are kept per ORM configuration. */
const ormOf = () => ({ config: {} }) as unknown as EntityManager;

describe('points of reports paid in batches', () => {
  it('pays the first at once, and those arriving meanwhile together in the next run; each caller waits for its own', async () => {
    const em = ormOf();
    const runs: number[][] = [];
    let letFirstFinish = () => {};
    const firstHeld = new Promise<void>((resolve) => (letFirstFinish = resolve));
    const award = async (ids: number[]) => {
      runs.push(ids);
      if (runs.length === 1) await firstHeld;
    };
    const paid: number[] = [];
    const report = (id: number) => payInBatches(em, 'work_report', [id], award).then(() => paid.push(id));
    const first = report(1);
    const later = [report(2), report(3), report(4)];
    await Promise.resolve();
    expect(runs).toEqual([[1]]);
    expect(paid).toEqual([]);
    letFirstFinish();
    await Promise.all([first, ...later]);
    expect(runs).toEqual([[1], [2, 3, 4]]);
    expect(paid.sort()).toEqual([1, 2, 3, 4]);
  });

  it('a failed run fails its own callers only, and the next run still pays', async () => {
    const em = ormOf();
    const award = async (ids: number[]) => {
      if (ids.includes(13)) throw new Error('lock wait timeout');
    };
    await expect(payInBatches(em, 'work_report', [13], award)).rejects.toThrow('lock wait timeout');
    await expect(payInBatches(em, 'work_report', [14], award)).resolves.toBeUndefined();
  });

  it('keeps triggers and ORMs apart', async () => {
    const runs: string[] = [];
    const award = (name: string) => async (ids: number[]) => void runs.push(`${name}:${ids.join(',')}`);
    const [a, b] = [ormOf(), ormOf()];
    await Promise.all([
      payInBatches(a, 'work_report', [1], award('a')),
      payInBatches(a, 'task_finished', [7], award('a')),
      payInBatches(b, 'work_report', [1], award('b')),
    ]);
    expect(runs.sort()).toEqual(['a:1', 'a:7', 'b:1']);
  });
});
