import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { OutsourcingInspection } from '../../src/outsourcing/inspection.entity.js';
import { OutsourcingOrder } from '../../src/outsourcing/outsourcing-order.entity.js';
import { Inspection } from '../../src/quality/inspections/inspection.entity.js';
import { ReworkTask } from '../../src/quality/inspections/rework-task.entity.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { platingLegOrder, text } from './plating-leg.js';

/**
 * A plating leg in the middle of a routing (车削 → 电镀 at 华美电镀 → 装配) on the demo shop:
 * what QC accepts on return is 电镀's good output and what 装配 may work on, the rejects go to
 * scrap or to a rework task, and a concession names its approver.
 */
describe('outsourcing QC by count on a mid-routing plating leg', () => {
  let app: DemoApp;
  let wo = '';
  let os = '';
  beforeAll(async () => {
    app = await startDemoApp();
    wo = await platingLegOrder(app);
  });
  afterAll(() => app.stop());

  const em = () => app.orm.em.fork();
  const task = (sequence: number) =>
    em().findOneOrFail(OperationTask, { workOrder: { number: wo }, sequence });
  const pushesTo = async (recipientKey: string) =>
    (await em().find(OutboxMessage, { recipientKey }, { orderBy: { id: 'asc' } })).map((m) =>
      m.content.kind === 'text' ? m.content.text : m.content.kind,
    );

  it('the order is sent for 电镀 of the work order, named in chat', async () => {
    const reply = text(await app.as('sunli').say(`外发 华美电镀 SHF-PL 100 11-28 ${wo} 工序20`));
    os = /OS-\d{8}-\d{3}/.exec(reply)?.[0] ?? '';
    expect(reply).toBe(
      `已建外发单 ${os}：华美电镀·电镀 镀锌轴（SHF-PL） 100 件，应回 11-28 17:00。` +
        `这是工单 ${wo} 的「电镀」工序：回厂质检合格的件数计为该工序合格品，交下道工序。`,
    );
    const order = await em().findOneOrFail(OutsourcingOrder, { number: os }, { populate: ['operation'] });
    expect([order.workOrder?.id, order.operation?.sequence]).toEqual([(await task(20)).workOrder.id, 20]);
    // Nothing back yet: 装配 has nothing to work on.
    expect(text(await app.as('liuyang').say(`开工 ${wo} 装配`))).toBe(
      `${wo} 的「装配」还不能开工：上道工序「电镀」还没有合格品。`,
    );
  });

  it('a return changes nothing on the work order until QC counts it', async () => {
    await app.as('sunli').say(`回厂 ${os} 100`);
    expect(await task(20)).toMatchObject({ goodTotal: 0, scrapTotal: 0 });
  });

  it('bad counts are refused with a clear answer and change nothing', async () => {
    const qc = app.as('zhouqiang');
    expect(text(await qc.say(`质检 ${os} 合格 95 不合格 6 原因 S01`))).toBe(
      `质检数量超出：${os} 已回厂待检 100 件，您检了 101 件。请核对后重发。`,
    );
    expect(text(await qc.say(`质检 ${os} 合格 95 不合格 5`))).toBe(
      '有不合格或返工时请写原因码，例如「原因 D01」。可用的原因码：D01 尺寸超差、S01 表面划伤、B01 毛刺、M01 材料缺陷、H01 热处理不良',
    );
    expect(text(await qc.say(`质检 ${os} 合格 95 不合格 5 原因 X99`))).toBe(
      '没有原因码「X99」。可用的原因码：D01 尺寸超差、S01 表面划伤、B01 毛刺、M01 材料缺陷、H01 热处理不良',
    );
    expect(text(await qc.say(`质检 ${os} 合格 90 让步 10 批准 张伟`))).toBe(
      '让步接收须由质检或主管批准，张伟 不能批准。',
    );
    expect(await em().count(OutsourcingInspection, { order: { number: os } })).toBe(0);
    expect(await task(20)).toMatchObject({ goodTotal: 0, scrapTotal: 0 });
  });

  it('accepted and concession pieces become 电镀 output and exactly what 装配 may work on', async () => {
    const before = (await pushesTo('liuyang')).length;
    expect(
      text(await app.as('zhouqiang').say(`质检 ${os} 合格 60 让步 3 批准 李建国 不合格 2 返工 5 原因 S01`)),
    ).toBe(
      `已登记 ${os} 质检：合格 60 件，让步接收 3 件（李建国 批准），不合格报废 2 件，返工 5 件（S01 表面划伤）。` +
        `工单 ${wo}「电镀」计合格 63 件，已通知下道工序「装配」。还有 30 件待检，状态「待质检」。`,
    );
    expect(await task(20)).toMatchObject({ goodTotal: 63, scrapTotal: 2, status: 'in_progress' });
    const pushed = (await pushesTo('liuyang')).slice(before);
    expect(pushed).toEqual([`${wo} 的上道工序已交来合格品，「装配」现在可以加工 63 件。`]);
    const [counted] = await em().find(
      OutsourcingInspection,
      { order: { number: os } },
      { populate: ['concessionApprover'] },
    );
    expect(counted).toMatchObject({
      accepted: 60,
      concession: 3,
      rejected: 2,
      rework: 5,
      reasonCode: 'S01',
      inspector: { id: 'zhouqiang' },
      concessionApprover: { id: 'lijianguo' },
    });
    // No work report: nobody is paid or timed for the partner's work.
    expect(await em().count(WorkReport, { task: { workOrder: { number: wo }, sequence: 20 } })).toBe(0);
  });

  it('rejects enter the reject flow: scrap on the operation, rework as a task that returns good pieces', async () => {
    const t20 = await task(20);
    const [inspection] = await em().find(Inspection, { task: t20 });
    expect(inspection).toMatchObject({
      kind: 'outsourced',
      accepted: 63,
      rejected: 2,
      rework: 5,
      reasonCode: 'S01',
    });
    const [rework] = await em().find(ReworkTask, { task: t20 });
    expect(rework).toMatchObject({ quantity: 5, status: 'open' });
    const label = `RW${rework?.id ?? ''}`;
    expect(await pushesTo('sunli')).toContain(
      `⚠️ 外发单 ${os}（华美电镀）质检：合格 60 件，让步接收 3 件（李建国 批准），不合格报废 2 件，返工 5 件（S01 表面划伤）。不合格品已转入报废/返工流程，请与外协厂沟通。`,
    );
    await app.as('lijianguo').say(`返工完成 ${label} 4 报废 1`);
    expect(await task(20)).toMatchObject({ goodTotal: 67, scrapTotal: 3 });
    expect((await pushesTo('liuyang')).at(-1)).toBe(
      `${wo} 的上道工序已交来合格品，「装配」现在可以加工 67 件。`,
    );
  });

  it('the rest of the batch closes the order; its result says a concession was made', async () => {
    expect(text(await app.as('zhouqiang').say(`质检 ${os} 合格 30`))).toBe(
      `已登记 ${os} 质检：合格 30 件。工单 ${wo}「电镀」计合格 30 件，已通知下道工序「装配」。状态「已完成」。`,
    );
    expect(await task(20)).toMatchObject({ goodTotal: 97, scrapTotal: 3, status: 'done' });
    expect(await em().findOneOrFail(OutsourcingOrder, { number: os })).toMatchObject({
      state: 'done',
      qcResult: 'concession',
    });
    expect(text(await app.as('zhouqiang').say(`质检 ${os} 合格 1`))).toBe(`${os} 已经完成，不能再变更。`);
  });

  it('the API shows the link, links an order afterwards, and keeps a counted one linked', async () => {
    const key = await createApiKey(em(), 'ERP', ['outsourcing:write', 'outsourcing:read'], app.clock.now());
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    expect((await call('GET', `/outsourcing-orders/${os}`)).json).toMatchObject({
      workOrder: wo,
      operation: { sequence: 20, name: '电镀' },
      qcResult: 'concession',
    });
    const refused = await call('PATCH', `/outsourcing-orders/${os}`, { workOrder: null });
    expect([refused.status, refused.json.code]).toEqual([422, 'already_inspected']);

    const created = await call('POST', '/outsourcing-orders', {
      partner: 'P-PLATING',
      productCode: 'SHF-PL',
      quantity: 10,
      expectedReturnAt: '2026-11-27T14:00:00+08:00',
    });
    const number = String(created.json.number);
    expect(created.json).toMatchObject({ workOrder: null, operation: null });
    const linked = await call('PATCH', `/outsourcing-orders/${number}`, { workOrder: wo, operation: '电镀' });
    expect([linked.status, linked.json.workOrder, linked.json.operation]).toEqual([
      200,
      wo,
      { sequence: 20, name: '电镀' },
    ]);
    const unknown = await call('PATCH', `/outsourcing-orders/${number}`, {
      workOrder: wo,
      operation: '喷漆',
    });
    expect([unknown.status, unknown.json.code]).toEqual([422, 'operation_not_found']);
  });
});
