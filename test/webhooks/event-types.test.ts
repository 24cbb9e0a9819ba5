import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { RepairStep } from '../../src/equipment/repairs/repair-step.entity.js';
import type { FormConfig } from '../../src/forms/config.js';
import { FormSubmission } from '../../src/forms/form-submission.entity.js';
import { OutsourcingInspection } from '../../src/outsourcing/inspection.entity.js';
import { OutsourcingStateChange } from '../../src/outsourcing/state-change.entity.js';
import { Inspection } from '../../src/quality/inspections/inspection.entity.js';
import { ScrapRequest } from '../../src/quality/scrap/scrap-request.entity.js';
import { PUBLIC_EVENT_TYPES } from '../../src/webhooks/event-types.js';
import { WebhookDelivery } from '../../src/webhooks/webhook-delivery.entity.js';
import { ProductionException } from '../../src/workorders/production-exception.entity.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const text = (replies: Array<{ kind: string; text?: string }>) =>
  replies.map((r) => r.text ?? `<${r.kind}>`).join('\n');

/** A daily check of each machine, so the demo's form history has submissions to announce. */
const machineCheck: FormConfig = {
  key: 'machine-check',
  name: '设备点检',
  aliases: [],
  about: 'equipment',
  filledBy: { roles: ['worker'], teams: [], machineResponsible: false },
  due: 'day',
  fields: [{ key: 'oilOk', label: '油位正常', type: 'yes_no', required: true }],
};

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
      forms: { ...defaultFactoryConfig.forms, list: [machineCheck] },
      quality: {
        ...defaultFactoryConfig.quality,
        scrapApproval: { threshold: 3, approvers: 'qc_or_supervisor' as const, items: [] },
      },
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
      // 13 demo orders made, 2 closed by a pass/fail 质检 and 1 by the counted QC of its 调质 leg.
      'outsourcing_order.state_changed': 16,
      'repair.step': await em.count(RepairStep),
      'maintenance.step': 1,
      'inspection.recorded': await em.count(Inspection),
      'scrap.requested': await em.count(ScrapRequest),
      'scrap.approved': await em.count(ScrapRequest, { status: 'approved' }),
      'scrap.rejected': await em.count(ScrapRequest, { status: 'rejected' }),
      'outsourcing_order.qc_recorded': await em.count(OutsourcingInspection),
      'form.submitted': await em.count(FormSubmission),
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
      'form.submitted': 18, // three days of 设备点检 for each of the six machines
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
      // A 终检 (inspection.recorded) comes after the last operation, so after the order completed.
      expect(lane.filter((type) => type.startsWith('work_order.')).at(-1)).toBe('work_order.completed');
    }
  });

  it('announces a scrap request and its approval or rejection, and an outsourcing QC count, once each', async () => {
    const em = () => app.orm.em.fork();
    const bodiesOf = async (type: string) =>
      (await em().find(WebhookDelivery, { eventType: type }, { orderBy: { id: 'asc' } })).map((d) => ({
        key: d.recordKey,
        ...(JSON.parse(d.body) as Body),
      }));
    const qc = app.as('zhouqiang');
    await app.as('liuyang').say('报废申请 WO-DEMO-006 工序10 4 D01');
    await app.as('liuyang').say('报废申请 WO-DEMO-006 工序10 5 D01');
    const [first, second] = await em().find(ScrapRequest, {}, { orderBy: { id: 'asc' } });
    expect(text(await qc.say(`报废审批 S${first!.id} 批准`))).toContain('已批准');
    await qc.say(`报废审批 S${second!.id} 驳回`);
    expect(text(await qc.say('可以返修'))).toContain('已驳回');

    const requested = await bodiesOf('scrap.requested');
    expect(requested.map((b) => [b.key, b.data.ref, b.data.quantity, b.data.status])).toEqual([
      ['work_order:WO-DEMO-006', `S${first!.id}`, 4, 'pending'],
      ['work_order:WO-DEMO-006', `S${second!.id}`, 5, 'pending'],
    ]);
    const [approved] = await bodiesOf('scrap.approved');
    const posted = await em().findOneOrFail(ScrapRequest, first!.id);
    expect(approved!.data).toMatchObject({
      ref: `S${first!.id}`,
      status: 'approved',
      decidedBy: 'zhouqiang',
      postedReport: posted.posted!.id,
    });
    const rejected = await bodiesOf('scrap.rejected');
    expect(
      rejected.map((b) => [b.data.ref, b.data.status, b.data.decisionNote, b.data.postedReport]),
    ).toEqual([[`S${second!.id}`, 'rejected', '可以返修', null]]);
    expect((await bodiesOf('scrap.approved')).length).toBe(1);

    const sent = text(await app.as('sunli').say('外发 华美电镀 SHF-200 10 11-28'));
    const os = /OS-\d{8}-\d{3}/.exec(sent)?.[0] ?? '';
    expect(os, sent).not.toBe('');
    await app.as('sunli').say(`回厂 ${os} 10`);
    await qc.say(`质检 ${os} 合格 8 不合格 2 原因 D01`);
    // The demo's own 调质 leg was counted by QC as it was seeded; this order's count comes once after it.
    const qcBodies = (await bodiesOf('outsourcing_order.qc_recorded')).filter((b) => b.data.order === os);
    expect(qcBodies.map((b) => b.key)).toEqual([`outsourcing_order:${os}`]);
    expect(qcBodies[0]!.data).toMatchObject({
      order: os,
      workOrder: null,
      inspector: 'zhouqiang',
      accepted: 8,
      rejected: 2,
      rework: 0,
      reasonCode: 'D01',
    });
    // Counted to the last piece, the order closes, and a receiver is told of that move too.
    const moves = (await bodiesOf('outsourcing_order.state_changed')).filter((b) => b.data.number === os);
    expect(moves.map((b) => [b.data.from, b.data.to])).toEqual([
      [null, 'shipped'],
      ['shipped', 'inspecting'],
      ['inspecting', 'done'],
    ]);

    const forms = await bodiesOf('form.submitted');
    expect(forms[0]).toMatchObject({
      key: 'form:machine-check',
      data: {
        form: 'machine-check',
        formName: '设备点检',
        subjectKind: 'equipment',
        answers: { oilOk: true },
        alarms: [],
      },
    });
  });
});
