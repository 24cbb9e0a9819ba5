import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { OutsourcingOrder } from '../../src/outsourcing/outsourcing-order.entity.js';
import { ProductionException } from '../../src/workorders/production-exception.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const text = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`)).join('\n');

/** What 追溯 answered, after checking that its last line offers the same answer as a page. */
const traced = (replies: OutboundContent[]) => {
  const lines = text(replies).split('\n');
  expect(lines.pop()).toMatch(/^打印或转发给客户：\S+\/downloads\/trace\/\S+（24 小时内有效）$/);
  return lines.join('\n');
};

/**
 * The demo's customer complaint: 华东机械 finds a shaft of WO-DEMO-001 out of round. On a fresh
 * demo, QC traces the order back (lot, people, team, machines, times, parameters, 巡检, the 调质
 * batch at 恒力热处理 with its QC counts, the exception raised on it) and the bar lot forward
 * (every order and customer), in chat and through the API.
 */
describe('the demo complaint story, traced both ways', () => {
  let app: DemoApp;
  let turningReports: string[];
  let heatTreatment: string;
  let exception: string;
  beforeAll(async () => {
    app = await startDemoApp();
    const [leg, ...otherLegs] = await app.orm.em
      .fork()
      .find(OutsourcingOrder, { workOrder: { number: 'WO-DEMO-001' } });
    const [raised, ...otherExceptions] = await app.orm.em
      .fork()
      .find(ProductionException, { workOrder: { number: 'WO-DEMO-001' } });
    expect([otherLegs, otherExceptions]).toEqual([[], []]);
    heatTreatment = leg!.number;
    exception = `E${raised!.id}`;
    const reports = await app.orm.em
      .fork()
      .find(
        WorkReport,
        { task: { workOrder: { number: 'WO-DEMO-001' }, sequence: 10 } },
        { orderBy: { reportedAt: 'asc', id: 'asc' } },
      );
    turningReports = reports.map((r) => `B${r.id}`);
  });
  afterAll(() => app.stop());

  it('answers 追溯 WO-DEMO-001 in chat with every link of the chain', async () => {
    const [b1, b2, b3] = turningReports;
    expect(traced(await app.as('zhouqiang').say('追溯 WO-DEMO-001'))).toBe(
      [
        '工单 WO-DEMO-001：传动轴 × 120（生产中，交期 2026-11-29，客户 华东机械）',
        '材料：L2611-B45-01 45# 圆钢 180kg（供应商 江苏永钢）',
        '工序：',
        '- 10 车削：张伟（数控组），设备 CNC-01；合格 80，报废 2，11-20 11:30 至 11-23 15:30',
        '  巡检 11-21 14:00 周强：合格 5；外径=Φ20.01 圆度=0.004',
        `  参数：${b1} 转速 1000rpm，浓度 6.5%；${b2} 转速 1050rpm，浓度 6%；${b3} 转速 1180rpm，浓度 5.2%`,
        '- 20 铣键槽：刘洋（数控组），设备 CNC-02；合格 40，报废 0，11-22 10:00 至 11-23 17:00',
        '  巡检 11-23 16:00 周强：合格 4，不合格 1（D01）；键槽宽=6.04 对称度=0.03',
        '- 30 磨削：还没有人报工',
        `外发 ${heatTreatment}：恒力热处理 调质 30 件（已完成），2026-11-20 发出，11-22 08:30 回厂 30 件，质检合格 29，不合格 1（H01）`,
        `异常 ${exception} 质量问题（已关闭）11-22 10:20 刘洋「铣键槽」：调质回来的轴有 1 件跳动超差 0.03mm，装夹找正不了，已隔离`,
      ].join('\n'),
    );
  });

  it('answers 追溯 物料批次 L2611-B45-01 forward: the orders and customers that used the lot', async () => {
    expect(traced(await app.as('zhouqiang').say('追溯 物料批次 L2611-B45-01'))).toBe(
      [
        '批次 L2611-B45-01：45# 圆钢（BAR-45），供应商 江苏永钢',
        '11-17 10:00 入库 800kg，现存 620kg',
        '用于 1 张工单：',
        '- WO-DEMO-001 传动轴（生产中，客户 华东机械）：领用 180kg，11-20 08:10 起',
      ].join('\n'),
    );
  });

  it('gives the same chain through GET /api/v1/trace/{code}', async () => {
    const key = await createApiKey(app.orm.em.fork(), 'erp', ['quality:read'], app.clock.now());
    const get = async (path: string) =>
      (await (
        await fetch(`${app.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } })
      ).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const ids = turningReports.map((b) => Number(b.slice(1)));

    const { order } = await get('/trace/WO-DEMO-001');
    expect(order.customer).toBe('华东机械');
    expect(order.lots).toEqual([
      { lotNumber: 'L2611-B45-01', itemName: '45# 圆钢', unit: 'kg', quantity: 180, supplier: '江苏永钢' },
    ]);
    const [turning, milling, grinding] = order.operations;
    expect([turning.people, turning.teams, turning.machines]).toEqual([['张伟'], ['数控组'], ['CNC-01']]);
    expect([turning.firstReportAt, turning.lastReportAt]).toEqual([
      '2026-11-20T03:30:00.000Z',
      '2026-11-23T07:30:00.000Z',
    ]);
    expect(
      turning.parameters.map((p: { report: number; name: string; value: number }) => [
        p.report,
        p.name,
        p.value,
      ]),
    ).toEqual([
      [ids[0], '转速', 1000],
      [ids[0], '浓度', 6.5],
      [ids[1], '转速', 1050],
      [ids[1], '浓度', 6],
      [ids[2], '转速', 1180],
      [ids[2], '浓度', 5.2],
    ]);
    expect(turning.inspections).toEqual([
      {
        kind: 'patrol',
        inspector: '周强',
        at: '2026-11-21T06:00:00.000Z',
        accepted: 5,
        rejected: 0,
        rework: 0,
        reasonCode: null,
        note: '外径=Φ20.01 圆度=0.004',
        outOfLimits: [],
        photos: [],
      },
    ]);
    expect([milling.people, milling.machines, milling.inspections[0].rejected]).toEqual([
      ['刘洋'],
      ['CNC-02'],
      1,
    ]);
    expect([grinding.people, grinding.parameters, grinding.inspections]).toEqual([[], [], []]);
    expect(order.outsourcing).toEqual([
      {
        number: heatTreatment,
        partner: '恒力热处理',
        process: '调质',
        quantity: 30,
        state: '已完成',
        shipDate: '2026-11-20',
        returnedAt: '2026-11-22T00:30:00.000Z',
        returned: 30,
        qcResult: 'fail',
        operation: null,
        qc: { accepted: 29, concession: 0, rejected: 1, rework: 0, reasonCodes: ['H01'] },
      },
    ]);
    expect(order.exceptions).toEqual([
      {
        id: Number(exception.slice(1)),
        kind: 'quality',
        reason: '调质回来的轴有 1 件跳动超差 0.03mm，装夹找正不了，已隔离',
        status: 'closed',
        raisedBy: '刘洋',
        raisedAt: '2026-11-22T02:20:00.000Z',
        operation: '铣键槽',
        closedAt: '2026-11-22T03:05:00.000Z',
      },
    ]);

    const { lot } = await get('/trace/L2611-B45-01');
    expect(lot.supplier).toBe('江苏永钢');
    expect(lot.issues).toEqual([
      {
        order: 'WO-DEMO-001',
        itemName: '传动轴',
        customer: '华东机械',
        status: 'in_progress',
        quantity: 180,
        firstAt: '2026-11-20T00:10:00.000Z',
        serials: null,
      },
    ]);
  });
});
