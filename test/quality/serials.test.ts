import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { unitOf } from '../../src/app-services.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { importRows } from '../../src/imports/import-service.js';
import { MaterialLot } from '../../src/materials/material-lot.entity.js';
import { Inspection } from '../../src/quality/inspections/inspection.entity.js';
import { Serial } from '../../src/quality/serials/serial.entity.js';
import { Item } from '../../src/workorders/item.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const text = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`)).join('\n');

/** What a recorded 终检 answered, after checking that its last line offers to take a photo. */
const recorded = (replies: OutboundContent[]) => {
  const lines = text(replies).split('\n');
  expect(lines.pop()).toMatch(/^如需附照片，请直接发送图片，将附在终检 \S+「[^」]+」上。$/);
  return lines.join('\n');
};

/** What 追溯 answered, after checking that its last line offers the same answer as a page. */
const traced = (replies: OutboundContent[]) => {
  const lines = text(replies).split('\n');
  expect(lines.pop()).toMatch(/^打印或转发给客户：\S+\/downloads\/trace\/\S+（24 小时内有效）$/);
  return lines.join('\n');
};

/**
 * Serial numbers on the demo shop: the flanges (FLG-300) are serialised, and 周强's 终检 of
 * WO-DEMO-008 numbered all 40. 安装支架 (BRK-100) becomes serialised through the API, and QC's
 * partial 终检 of WO-DEMO-007 numbers exactly the accepted pieces, or records scanned labels.
 */
describe('serial numbers: given at 终检, traced back to the whole chain', () => {
  let app: DemoApp;
  let key: string;
  beforeAll(async () => {
    app = await startDemoApp();
    key = await createApiKey(app.orm.em.fork(), 'erp', ['quality:read', 'masterdata:write'], app.clock.now());
  });
  afterAll(() => app.stop());

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const serialsOf = async (number: string) =>
    (
      await app.orm.em
        .fork()
        .find(Serial, { workOrder: { number } }, { orderBy: { sequence: 'asc', number: 'asc' } })
    ).map((s) => [s.number, s.sequence, s.source]);
  const finals = (number: string) =>
    app.orm.em.fork().count(Inspection, { kind: 'final', task: { workOrder: { number } } });

  it('gives the demo’s 40 accepted flanges consecutive serials from their order’s output lot', async () => {
    const serials = await serialsOf('WO-DEMO-008');
    expect(serials).toHaveLength(40);
    expect(serials[0]).toEqual(['WO-DEMO-008-0001', 1, 'assigned']);
    expect(serials.at(-1)).toEqual(['WO-DEMO-008-0040', 40, 'assigned']);
    expect(new Set(serials.map(([n]) => n)).size).toBe(40);
  });

  it('answers 追溯 <序列号> with the piece and its order’s whole chain, in chat and through the API', async () => {
    const order = traced(await app.as('zhouqiang').say('追溯 WO-DEMO-008'));
    expect(traced(await app.as('zhouqiang').say('追溯 wo-demo-008-0017'))).toBe(
      `序列号 WO-DEMO-008-0017：工单 WO-DEMO-008的产品，11-18 15:00 周强 终检合格\n${order}`,
    );
    expect(order).toMatch(/^工单 WO-DEMO-008：法兰盘 × 40（已关闭，/);
    expect(order).toContain('  终检 11-18 15:00 周强：合格 40\n');
    expect(order).toContain('\n序列号：40 个（WO-DEMO-008-0001 … WO-DEMO-008-0040）');

    const { status, json } = await api('GET', '/trace/WO-DEMO-008-0017');
    expect(status).toBe(200);
    expect(json.kind).toBe('serial');
    expect(json.serial).toEqual({
      number: 'WO-DEMO-008-0017',
      order: 'WO-DEMO-008',
      lot: 'WO-DEMO-008',
      source: 'assigned',
      inspectedAt: '2026-11-18T07:00:00.000Z',
      inspector: '周强',
    });
    expect(json.order).toEqual((await api('GET', '/trace/WO-DEMO-008')).json.order);
    expect(json.order.serials).toEqual({ count: 40, first: 'WO-DEMO-008-0001', last: 'WO-DEMO-008-0040' });
    expect(json.order.operations.map((o: { name: string; good: number }) => [o.name, o.good])).toEqual([
      ['车削', 40],
      ['钻孔', 40],
    ]);
  });

  it('asks which is meant when a code is both a lot and a serial, and answers when told', async () => {
    const em = app.orm.em.fork();
    em.create(MaterialLot, {
      lotNumber: 'WO-DEMO-008-0001',
      item: await em.findOneOrFail(Item, 'BAR-45'),
      quantity: 5,
      remaining: 5,
      receivedAt: app.clock.now(),
      supplier: '江苏永钢',
    });
    await em.flush();
    expect(text(await app.as('zhouqiang').say('追溯 WO-DEMO-008-0001'))).toBe(
      '「WO-DEMO-008-0001」既是批次号也是序列号。请写「追溯 批次 WO-DEMO-008-0001」或「追溯 序列号 WO-DEMO-008-0001」。',
    );
    expect(traced(await app.as('zhouqiang').say('追溯 序列号 WO-DEMO-008-0001'))).toMatch(
      /^序列号 WO-DEMO-008-0001：工单 WO-DEMO-008的产品，/,
    );
    expect(traced(await app.as('zhouqiang').say('追溯 批次 WO-DEMO-008-0001'))).toMatch(
      /^批次 WO-DEMO-008-0001：45# 圆钢（BAR-45），供应商 江苏永钢\n/,
    );

    const both = await api('GET', '/trace/WO-DEMO-008-0001');
    expect([both.status, both.json.code, both.json.kinds]).toEqual([
      409,
      'ambiguous_code',
      ['lot', 'serial'],
    ]);
    expect((await api('GET', '/trace/WO-DEMO-008-0001?kind=serial')).json.kind).toBe('serial');
    expect((await api('GET', '/trace/WO-DEMO-008-0001?kind=lot')).json.kind).toBe('lot');
    expect((await api('GET', '/trace/WO-DEMO-008-0041')).status).toBe(404);
  });

  it('numbers exactly the accepted pieces of a partial 终检, and goes on from there at the next', async () => {
    const put = await api('PUT', '/items/BRK-100', { name: '安装支架', serialised: true });
    expect([put.status, put.json.serialised]).toEqual([200, true]);
    const qc = app.as('zhouqiang');

    expect(recorded(await qc.say('终检 WO-DEMO-007 合格 45 不合格 3 原因 D01 返工 2'))).toMatch(
      /^已记录终检：WO-DEMO-007 合格 45 件，不合格 3 件（D01 尺寸超差），返工 2 件（返工单 RW\d+，已通知 郭林）。还有 150 件待检。序列号 WO-DEMO-007-0001 至 WO-DEMO-007-0045（45 个）。$/,
    );
    expect(recorded(await qc.say('终检 WO-DEMO-007 合格 1'))).toBe(
      '已记录终检：WO-DEMO-007 合格 1 件。还有 149 件待检。序列号 WO-DEMO-007-0046。',
    );
    const serials = await serialsOf('WO-DEMO-007');
    expect(serials.map(([, sequence]) => sequence)).toEqual(Array.from({ length: 46 }, (_, i) => i + 1));
    expect(serials[44]).toEqual(['WO-DEMO-007-0045', 45, 'assigned']);
    const [first, second] = await app.orm.em
      .fork()
      .find(
        Inspection,
        { kind: 'final', task: { workOrder: { number: 'WO-DEMO-007' } } },
        { orderBy: { id: 'asc' } },
      );
    expect(await app.orm.em.fork().count(Serial, { inspection: first!.id })).toBe(45);
    expect(await app.orm.em.fork().count(Serial, { inspection: second!.id })).toBe(1);
    // A 终检 that accepts nothing numbers nothing.
    expect(recorded(await qc.say('终检 WO-DEMO-007 合格 0 不合格 1 原因 B01'))).toBe(
      '已记录终检：WO-DEMO-007 合格 0 件，不合格 1 件（B01 毛刺）。还有 148 件待检。',
    );
    expect(await serialsOf('WO-DEMO-007')).toHaveLength(46);
  });

  it('records scanned labels instead, one per accepted piece, never twice, and refuses them on an item without serials', async () => {
    const qc = app.as('zhouqiang');
    const before = await finals('WO-DEMO-007');
    expect(text(await qc.say('终检 WO-DEMO-007 合格 2 序列号 SN-X1,SN-X2,SN-X3'))).toBe(
      '合格 2 件要对应 2 个序列号，您写了 3 个。',
    );
    expect(text(await qc.say('终检 WO-DEMO-007 合格 2 序列号 sn-x1，SN-X1'))).toBe('序列号重复：SN-X1。');
    expect(text(await qc.say('终检 WO-DEMO-007 合格 2 序列号 SN-X1,WO-DEMO-007-0003'))).toBe(
      '这些序列号已经登记过：WO-DEMO-007-0003（WO-DEMO-007）。',
    );
    expect(await finals('WO-DEMO-007')).toBe(before);

    expect(recorded(await qc.say('终检 WO-DEMO-007 合格 2 序列号 sn-x1、SN-X2'))).toBe(
      '已记录终检：WO-DEMO-007 合格 2 件。还有 146 件待检。已登记序列号 2 个：SN-X1、SN-X2。',
    );
    expect((await serialsOf('WO-DEMO-007')).filter(([, sequence]) => sequence === null)).toEqual([
      ['SN-X1', null, 'scanned'],
      ['SN-X2', null, 'scanned'],
    ]);
    expect(traced(await qc.say('追溯 SN-X2'))).toMatch(
      /^序列号 SN-X2：工单 WO-DEMO-007的产品，11-24 10:00 周强 终检合格（扫码登记）\n工单 WO-DEMO-007：/,
    );
    // The next assigned serial follows the last assigned one, not the scanned labels.
    expect(text(await qc.say('终检 WO-DEMO-007 合格 1'))).toContain('序列号 WO-DEMO-007-0047。');

    expect(text(await qc.say('终检 WO-DEMO-004 合格 1 序列号 A1'))).toBe(
      'WO-DEMO-004 的物料 PLT-400 不按序列号管理，不用登记序列号。',
    );
    expect(recorded(await qc.say('终检 WO-DEMO-004 合格 1'))).toBe(
      '已记录终检：WO-DEMO-004 合格 1 件。还有 199 件待检。',
    );
    expect(await serialsOf('WO-DEMO-004')).toEqual([]);
  });

  it('marks items serialised from the items sheet’s 序列号管理 column, empty meaning no', async () => {
    const actor = {
      person: { id: 'chenjing', name: '陈静', roles: ['planner' as const], teamId: undefined },
      channel: 'import',
      inboundEventId: null,
      at: app.clock.now(),
    };
    const sheet = (flag: string) => [
      { 物料编码: 'VLV-100', 名称: '阀体', 序列号管理: flag },
      { 物料编码: 'VLV-200', 名称: '阀盖', 序列号管理: '' },
    ];
    const refused = await importRows(unitOf(app.services), actor, 'items', sheet('也许'));
    expect([refused.committed, refused.rows[0]?.message]).toEqual([
      false,
      '「序列号管理」应填 是 或 否，不是「也许」',
    ]);
    expect((await importRows(unitOf(app.services), actor, 'items', sheet('是'))).committed).toBe(true);
    const items = await app.orm.em
      .fork()
      .find(Item, { code: { $in: ['VLV-100', 'VLV-200'] } }, { orderBy: { code: 'asc' } });
    expect(items.map((i) => [i.code, i.serialised])).toEqual([
      ['VLV-100', true],
      ['VLV-200', false],
    ]);
  });

  it('names the serials of every order that drew from a lot, for a recall', async () => {
    const em = app.orm.em.fork();
    const lot = em.create(MaterialLot, {
      lotNumber: 'L2611-F-01',
      item: await em.findOneOrFail(Item, 'BAR-45'),
      quantity: 100,
      remaining: 100,
      receivedAt: app.clock.now(),
      supplier: '江苏永钢',
    });
    await em.flush();
    expect(text(await app.as('wangfang').say(`领料 WO-DEMO-008 ${lot.lotNumber} 30`))).toContain('已领料');
    expect(text(await app.as('wangfang').say(`领料 WO-DEMO-004 ${lot.lotNumber} 20`))).toContain('已领料');
    const answer = traced(await app.as('zhouqiang').say(`追溯 物料批次 ${lot.lotNumber}`));
    expect(answer).toContain('批次 L2611-F-01：45# 圆钢（BAR-45），供应商 江苏永钢\n');
    expect(answer).toMatch(
      /\n- WO-DEMO-008 法兰盘（已关闭，客户 宏达泵业）：领用 30kg，11-24 10:00 起；序列号 40 个（WO-DEMO-008-0001 … WO-DEMO-008-0040）\n/,
    );
    expect(answer).toMatch(/\n- WO-DEMO-004 底板（[^）]+）：领用 20kg，11-24 10:00 起$/);
    const { json } = await api('GET', `/trace/${lot.lotNumber}`);
    expect(json.lot.issues.map((i: { order: string; serials: unknown }) => [i.order, i.serials])).toEqual([
      ['WO-DEMO-008', { count: 40, first: 'WO-DEMO-008-0001', last: 'WO-DEMO-008-0040' }],
      ['WO-DEMO-004', null],
    ]);
  });

  it('hands out each number once when 终检 on one order arrive at the same moment', async () => {
    const put = await api('PUT', '/items/PLT-400', { name: '底板', serialised: true });
    expect(put.status).toBe(200);
    const qc = app.as('zhouqiang');
    await Promise.all(Array.from({ length: 6 }, () => qc.say('终检 WO-DEMO-004 合格 5')));
    const serials = await serialsOf('WO-DEMO-004');
    expect(serials.map(([, sequence]) => sequence)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(serials.map(([number]) => number).at(-1)).toBe('WO-DEMO-004-0030');
  });
});
