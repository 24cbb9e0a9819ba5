import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { GatewayReading } from '../../src/ingest/gateway-reading.entity.js';
import { MaterialIssue } from '../../src/materials/material-issue.entity.js';
import { MaterialLot } from '../../src/materials/material-lot.entity.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { ProductionException } from '../../src/workorders/production-exception.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startIngestWorld, type IngestWorld } from './world.js';

describe('gateway ingest over HTTP', () => {
  let w: IngestWorld;
  beforeAll(async () => {
    w = await startIngestWorld();
    await w.orderOnCnc01('WO-1', 100);
  });
  afterAll(() => w.stop());

  const reports = () => w.orm.em.fork().find(WorkReport, {}, { orderBy: { id: 'asc' }, populate: ['task'] });
  const firstTask = () =>
    w.orm.em.fork().findOneOrFail(OperationTask, { workOrder: { number: 'WO-1' }, sequence: 10 });

  it('books counts as a work report on the task dispatched to the machine, once per (device, seq)', async () => {
    const first = await w.post('/equipment/cnc-01/counts', { seq: 1, count: 12, device: 'PLC-7' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ device: 'PLC-7', seq: 1, state: 'reported', duplicate: false });
    const replay = await w.post('/equipment/CNC-01/counts', { seq: 1, count: 99, device: 'PLC-7' });
    expect(replay.json).toMatchObject({ state: 'reported', duplicate: true, report: first.json.report });
    // Out of order: 3 before 2, each counted once.
    await w.post('/equipment/CNC-01/counts', { seq: 3, count: 5, scrap: 1, device: 'PLC-7' });
    await w.post('/equipment/CNC-01/counts', { seq: 2, count: 4, good: 4, device: 'PLC-7' });
    await w.post('/equipment/CNC-01/counts', { seq: 3, count: 5, scrap: 1, device: 'PLC-7' });
    const rows = await reports();
    expect(rows.map((r) => [r.good, r.scrap, r.person.id, r.channel, r.equipment?.code])).toEqual([
      [12, 0, 'zhangwei', 'gateway', 'CNC-01'],
      [4, 1, 'zhangwei', 'gateway', 'CNC-01'],
      [4, 0, 'zhangwei', 'gateway', 'CNC-01'],
    ]);
    const task = await firstTask();
    expect([task.status, task.goodTotal, task.scrapTotal]).toEqual(['in_progress', 20, 1]);
    expect(await w.orm.em.fork().count(GatewayReading)).toBe(3);
  });

  it('refuses counts that do not add up or name no machine, and stores nothing', async () => {
    const mismatch = await w.post('/equipment/CNC-01/counts', { seq: 10, count: 5, good: 4, scrap: 2 });
    expect(mismatch).toMatchObject({ status: 422, json: { code: 'count_mismatch' } });
    expect((await w.post('/equipment/NOPE/counts', { seq: 10, count: 5 })).status).toBe(404);
    expect((await w.post('/equipment/CNC-01/counts', { seq: -1, count: 5 })).status).toBe(400);
    const other = await createApiKey(w.orm.em.fork(), 'hours only', ['equipment:write'], w.clock.now());
    expect((await w.post('/equipment/CNC-01/counts', { seq: 11, count: 1 }, other)).status).toBe(403);
    expect(await w.orm.em.fork().count(GatewayReading)).toBe(3);
  });

  it('raises one production exception per run of counts while no task runs on the machine', async () => {
    // The rest of the order's 100 pieces finishes operation 10: nothing runs on CNC-01 after it.
    const rest = await w.post('/equipment/CNC-01/counts', { seq: 4, count: 79, device: 'PLC-7' });
    expect(rest.json.state).toBe('reported');
    expect((await firstTask()).status).toBe('done');
    const a = await w.post('/equipment/CNC-01/counts', { seq: 5, count: 3, device: 'PLC-7' });
    const b = await w.post('/equipment/CNC-01/counts', { seq: 6, count: 2, device: 'PLC-7' });
    expect(a.json).toMatchObject({ state: 'exception', report: null });
    expect(b.json).toMatchObject({ state: 'exception', exception: a.json.exception });
    const exceptions = await w.orm.em.fork().find(ProductionException, {}, { populate: ['workOrder'] });
    expect(exceptions.map((e) => [e.id, e.kind, e.workOrder?.number, e.raisedBy.id, e.reason])).toEqual([
      [
        a.json.exception,
        'equipment',
        'WO-1',
        'lijianguo',
        '设备 CNC-01 在没有进行中工序时计数（计数器 PLC-7 序号 5 起，3 件），请确认派工。',
      ],
    ]);
    expect((await reports()).reduce((sum, r) => sum + r.good + r.scrap, 0)).toBe(100);

    // A new task on the machine ends the run; counts without a task afterwards start a new one.
    await w.orderOnCnc01('WO-2', 10);
    expect(
      (await w.post('/equipment/CNC-01/counts', { seq: 7, count: 10, device: 'PLC-7' })).json.state,
    ).toBe('reported');
    const c = await w.post('/equipment/CNC-01/counts', { seq: 8, count: 1, device: 'PLC-7' });
    expect(c.json.state).toBe('exception');
    expect(c.json.exception).not.toBe(a.json.exception);
    expect(await w.orm.em.fork().count(ProductionException)).toBe(2);
  });

  it('tells the supervisors once when a machine that never had a work order counts', async () => {
    const before = await w.orm.em.fork().count(OutboxMessage, { recipientKey: 'lijianguo' });
    const a = await w.post('/equipment/CNC-02/counts', { seq: 1, count: 6 });
    const b = await w.post('/equipment/CNC-02/counts', { seq: 2, count: 6 });
    expect([a.json.state, b.json.state, a.json.device]).toEqual(['unassigned', 'unassigned', 'CNC-02']);
    const told = await w.orm.em
      .fork()
      .find(OutboxMessage, { recipientKey: 'lijianguo' }, { orderBy: { id: 'asc' }, offset: before });
    expect(told.map((t) => (t.content.kind === 'text' ? t.content.text : t.content.kind))).toEqual([
      '⚠️ 设备 CNC-02 在没有任何工单时计数（计数器 CNC-02 序号 1 起，6 件），这些计数未记入报工。',
    ]);
  });

  it('turns a weighing into a material issue, once, and refuses one the lot cannot cover', async () => {
    const weighing = { order: 'WO-2', weight: 12.5, unit: 'kg', device: 'SCALE-1', seq: 1 };
    const first = await w.post('/lots/l-01/weighings', weighing);
    expect(first).toMatchObject({ status: 201, json: { state: 'issued', duplicate: false } });
    const replay = await w.post('/lots/L-01/weighings', weighing);
    expect(replay.json).toMatchObject({ state: 'issued', duplicate: true, issue: first.json.issue });
    const issues = await w.orm.em.fork().find(MaterialIssue, {}, { populate: ['workOrder', 'lot'] });
    expect(issues.map((i) => [i.id, i.lot.lotNumber, i.workOrder.number, i.quantity, i.issuedBy.id])).toEqual(
      [[first.json.issue, 'L-01', 'WO-2', 12.5, 'lijianguo']],
    );
    const short = await w.post('/lots/L-01/weighings', { ...weighing, seq: 2, weight: 600 });
    expect(short).toMatchObject({ status: 422, json: { code: 'lot_short' } });
    const wrongUnit = await w.post('/lots/L-01/weighings', { ...weighing, seq: 3, unit: 'g' });
    expect(wrongUnit).toMatchObject({ status: 422, json: { code: 'wrong_unit' } });
    expect((await w.orm.em.fork().findOneOrFail(MaterialLot, 'L-01')).remaining).toBe(487.5);
    expect(await w.orm.em.fork().count(GatewayReading, { kind: 'weighing' })).toBe(1);
  });
});
