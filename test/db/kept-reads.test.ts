import type { FlushEventArgs } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { KeptReads } from '../../src/db/kept-reads.js';

/** A flush that changed rows of these entities, as the unit of work reports it. */
const flushOf = (...classNames: string[]) =>
  ({
    uow: { getChangeSets: () => classNames.map((className) => ({ meta: { className } })) },
  }) as unknown as FlushEventArgs;

describe('reads kept between requests', () => {
  const counting = () => {
    const loads = { count: 0 };
    return { loads, load: async () => ++loads.count };
  };

  it('reads once, and again only after a flush changed what the read depends on', async () => {
    const reads = new KeptReads();
    const people = counting();
    const hooks = counting();
    const read = () =>
      Promise.all([
        reads.lookUp('who', ['Person'], people.load),
        reads.lookUp('hooks', ['WebhookSubscription'], hooks.load),
      ]);
    expect(await read()).toEqual([1, 1]);
    expect(await read()).toEqual([1, 1]);
    reads.onFlush(flushOf('WorkReport', 'AuditEntry'));
    expect(await read()).toEqual([1, 1]);
    reads.onFlush(flushOf('WorkReport', 'WebhookSubscription'));
    // Re-read; kept again only once the changing transaction has had time to commit.
    expect(await read()).toEqual([1, 2]);
    expect(await read()).toEqual([1, 3]);
    reads.forget(['Person']);
    expect(await read()).toEqual([2, 4]);
  });

  it('never keeps nothing: what is created a moment later is found', async () => {
    const reads = new KeptReads();
    let found: string | undefined;
    const load = async () => found;
    expect(await reads.lookUp('zhangwei', ['Person'], load)).toBeUndefined();
    found = '张伟';
    expect(await reads.lookUp('zhangwei', ['Person'], load)).toBe('张伟');
    found = 'someone else';
    expect(await reads.lookUp('zhangwei', ['Person'], load)).toBe('张伟');
  });
});
