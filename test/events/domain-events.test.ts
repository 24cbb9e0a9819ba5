import { describe, expect, it } from 'vitest';
import type { FollowUp } from '../../src/chat/follow-ups.js';
import { DomainEventBus, subscribe } from '../../src/events/domain-events.js';
import type { Services } from '../../src/services.js';
import type { WorkReport } from '../../src/workorders/work-report.entity.js';

const report = { id: 7 } as WorkReport;

/** A unit of work with no database: what the bus does with it is all these tests look at. */
function unit(queued: FollowUp[] | undefined): Omit<Services, 'events'> {
  return {
    em: {} as Services['em'],
    clock: { now: () => new Date(0) },
    outbox: {} as Services['outbox'],
    config: {} as Services['config'],
    tz: 'Asia/Shanghai',
    logger: {} as Services['logger'],
    capabilities: [],
    ...(queued ? { afterCommit: (work: FollowUp) => queued.push(work) } : {}),
  };
}

describe('domain events', () => {
  it('runs in-transaction subscribers at once, in order, and defers after-commit ones to the unit', async () => {
    const seen: string[] = [];
    const bus = new DomainEventBus([
      subscribe({
        event: 'workorders.report_recorded',
        phase: 'after_commit',
        handle: async ({ report: r }) => void seen.push(`after ${r.id}`),
      }),
      subscribe({
        event: 'workorders.report_recorded',
        phase: 'in_transaction',
        handle: async ({ report: r }, u) => void seen.push(`in ${r.id} ${u.events === bus}`),
      }),
      subscribe({
        event: 'workorders.report_reversed',
        phase: 'in_transaction',
        handle: async () => void seen.push('other event'),
      }),
    ]);
    const queued: FollowUp[] = [];
    await bus.publish(unit(queued), 'workorders.report_recorded', { report, finished: [] });
    expect(seen).toEqual(['in 7 true']);
    expect(queued).toHaveLength(1);
    await queued[0]!({ ...unit(undefined), events: bus });
    expect(seen).toEqual(['in 7 true', 'after 7']);
  });

  it('lets an in-transaction subscriber’s failure fail the change that published it', async () => {
    const bus = new DomainEventBus([
      subscribe({
        event: 'workorders.report_recorded',
        phase: 'in_transaction',
        handle: () => Promise.reject(new Error('machine unknown')),
      }),
    ]);
    await expect(
      bus.publish(unit([]), 'workorders.report_recorded', { report, finished: [] }),
    ).rejects.toThrow('machine unknown');
  });
});
