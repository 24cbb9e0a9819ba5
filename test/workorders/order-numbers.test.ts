import { unitOf } from '../../src/app-services.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/chat/audit/actor.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { createWorkOrder } from '../../src/workorders/work-order-service.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const texts = (replies: OutboundContent[]) =>
  replies.flatMap((r) => (r.kind === 'text' || r.kind === 'markdown' ? [r.text] : []));

/** Issue 16 item 5: work-order numbers come from a sequence, not from counting the day's orders. */
describe('work-order numbers under concurrency', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  const numbersIn = (replies: string[][]) =>
    replies.map((r) => /^已创建工单 (WO-\d{8}-\d{3})：/.exec(r[0] ?? '')?.[1] ?? r.join(' '));
  /** 新建工单 sent at the same moment by the planner and the supervisor. */
  const createTogether = (count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        app
          .as(i % 2 === 0 ? 'chenjing' : 'lijianguo')
          .say(`新建工单 传动轴 ${10 + i} 12-08`)
          .then(texts),
      ),
    );
  /** A work order with a number of its own, as the ERP import creates one. */
  const importOrder = (number: string) =>
    app.orm.em.fork().transactional((em) => {
      const actor: Actor = {
        person: { id: 'chenjing', name: '陈静', roles: ['planner'], teamId: undefined },
        channel: 'import',
        inboundEventId: null,
        at: app.clock.now(),
      };
      const deps = unitOf(app.services, em);
      return createWorkOrder(
        deps,
        actor,
        { number, itemCode: 'SHF-200', quantity: 5, dueDate: '2026-12-10' },
        deps.tz,
      );
    });
  const rows = async () => ({
    orders: await app.orm.em.fork().count(WorkOrder),
    tasks: await app.orm.em.fork().count(OperationTask),
  });

  it('five 新建工单 at once all succeed with distinct consecutive numbers', async () => {
    // Before: each counted the day's orders, so several took the same number and failed.
    const numbers = numbersIn(await createTogether(5));
    expect([...numbers].sort()).toEqual([1, 2, 3, 4, 5].map((n) => `WO-20261124-00${n}`));
    const stored = await app.orm.em.fork().find(WorkOrder, { number: { $in: numbers } });
    expect(stored).toHaveLength(5);
  });

  it('a number given ahead of the sequence is stepped over, not a wall for the rest of the day', async () => {
    // Before: count+1 reached WO-…-007, which the import had taken, and every later order failed.
    await importOrder('WO-20261124-007');
    const numbers = numbersIn(await createTogether(3));
    expect([...numbers].sort()).toEqual(['WO-20261124-006', 'WO-20261124-008', 'WO-20261124-009']);
  });

  it('a number already taken is refused as a conflict that says so, and nothing is created', async () => {
    const before = await rows();
    await expect(importOrder('WO-20261124-007')).rejects.toMatchObject({
      code: 'number_taken',
      status: 409,
      userMessage: '工单号 WO-20261124-007 已存在，没有新建。',
    });
    // Two imports of the same ERP number at once: the second is the same conflict, not a database error.
    const outcomes = await Promise.allSettled([importOrder('ERP-WO-1'), importOrder('ERP-WO-1')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.reason).toMatchObject({
      code: 'number_taken',
      userMessage: '工单号 ERP-WO-1 已存在，没有新建。',
    });
    const after = await rows();
    expect(after.orders).toBe(before.orders + 1);
    expect(after.tasks - before.tasks).toBe(3);
  });
});
