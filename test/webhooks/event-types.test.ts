import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { RepairStep } from '../../src/equipment/repairs/repair-step.entity.js';
import { OutsourcingStateChange } from '../../src/outsourcing/state-change.entity.js';
import { Inspection } from '../../src/quality/inspections/inspection.entity.js';
import { PUBLIC_EVENT_TYPES } from '../../src/webhooks/event-types.js';
import { WebhookDelivery } from '../../src/webhooks/webhook-delivery.entity.js';
import { ProductionException } from '../../src/workorders/production-exception.entity.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

interface Body {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/**
 * The demo shop's history, played through the services chat uses, with a subscription to
 * everything: each domain event with a public type leaves one delivery per record it touched.
 */
describe('webhook event types over the demo shop', () => {
  let app: DemoApp;

  beforeAll(async () => {
    process.env.SFB_TEST_ALL_SECRET = 'all-secret-0123456789';
    const factory = {
      ...defaultFactoryConfig,
      webhooks: {
        ...defaultFactoryConfig.webhooks,
        subscriptions: [
          { name: 'all', url: 'http://127.0.0.1:9/all', events: ['*'], secretEnv: 'SFB_TEST_ALL_SECRET' },
        ],
      },
    };
    app = await startDemoApp({ factory });
  });
  afterAll(async () => {
    await app.stop();
    delete process.env.SFB_TEST_ALL_SECRET;
  });

  it('queues one delivery per event, as many as the records the events wrote', async () => {
    const em = app.orm.em.fork();
    const deliveries = await em.find(WebhookDelivery, {}, { orderBy: { id: 'asc' } });
    const count = (type: string) => deliveries.filter((d) => d.eventType === type).length;
    const counts = Object.fromEntries(PUBLIC_EVENT_TYPES.map((t) => [t.type, count(t.type)]));
    expect(counts).toEqual({
      'work_report.created': await em.count(WorkReport, { reverses: null }),
      'work_report.reversed': await em.count(WorkReport, { reverses: { $ne: null } }),
      'work_order.released': await em.count(WorkOrder, { releasedAt: { $ne: null } }),
      'work_order.completed': await em.count(WorkOrder, { completedAt: { $ne: null } }),
      'exception.raised': await em.count(ProductionException),
      'exception.closed': await em.count(ProductionException, { status: 'closed' }),
      // 13 demo orders made, 2 closed by a pass/fail 质检 (a close by counted QC is not told).
      'outsourcing_order.state_changed': 15,
      'repair.step': await em.count(RepairStep),
      'maintenance.step': 1,
      'inspection.recorded': await em.count(Inspection),
      'erp.export_written': 0,
    });
    expect(counts).toMatchObject({
      'work_report.created': 20,
      'work_order.released': 9,
      'work_order.completed': 2,
      // Two from the orders' history, one from quality's complaint story (closed by QC).
      'exception.raised': 3,
      'exception.closed': 2,
      'repair.step': 9,
    });
    // The demo's partial returns go through a path without a domain event; every move chat or the API makes has one.
    expect(await em.count(OutsourcingStateChange)).toBeGreaterThanOrEqual(14);
    expect(deliveries.every((d) => d.status === 'pending' && d.attempts === 0)).toBe(true);
  });

  it('describes each record in its JSON, and orders a record’s events as they happened', async () => {
    const em = app.orm.em.fork();
    const deliveries = await em.find(WebhookDelivery, {}, { orderBy: { id: 'asc' } });
    const bodies = deliveries.map((d) => ({ key: d.recordKey, ...(JSON.parse(d.body) as Body) }));
    const repair = bodies.filter((b) => b.type === 'repair.step');
    const firstTicket = repair[0]!.key;
    expect(repair.filter((b) => b.key === firstTicket).map((b) => [b.data.from, b.data.to])).toEqual(
      (
        await em.find(RepairStep, { ticket: Number(firstTicket.split(':')[1]) }, { orderBy: { id: 'asc' } })
      ).map((s) => [s.fromState ?? null, s.toState]),
    );
    expect(Object.keys(repair[0]!.data).sort()).toEqual(
      ['at', 'by', 'equipment', 'from', 'id', 'note', 'symptom', 'to'].sort(),
    );
    const maintenance = bodies.find((b) => b.type === 'maintenance.step')!;
    expect(maintenance.data).toMatchObject({ step: expect.stringMatching(/^(accepted|done|postponed)$/) });
    expect(maintenance.key).toBe(`maintenance_task:${String(maintenance.data.id)}`);
    const created = bodies.filter(
      (b) => b.type === 'outsourcing_order.state_changed' && b.data.from === null,
    );
    expect(created.length).toBeGreaterThan(0);
    for (const b of created) expect(b.key).toBe(`outsourcing_order:${String(b.data.number)}`);
    const reports = bodies.filter((b) => b.type === 'work_report.created');
    expect(reports.reduce((n, b) => n + Number(b.data.good), 0)).toBe(
      (await em.find(WorkReport, { reverses: null })).reduce((n, r) => n + r.good, 0),
    );
    for (const order of await em.find(WorkOrder, { completedAt: { $ne: null } })) {
      const lane = bodies.filter((b) => b.key === `work_order:${order.number}`).map((b) => b.type);
      expect(lane[0]).toBe('work_order.released');
      expect(lane.at(-1)).toBe('work_order.completed');
    }
  });
});
