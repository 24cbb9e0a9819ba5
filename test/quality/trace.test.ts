import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { MaterialIssue } from '../../src/materials/material-issue.entity.js';
import { MaterialLot } from '../../src/materials/material-lot.entity.js';
import { Item } from '../../src/workorders/item.entity.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const text = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`)).join('\n');

/** 周强 (QC) traces the demo shop's records: every figure in the answer is one the database holds. */
describe('追溯: one message from a lot or an order to everything behind it', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(() => app.stop());

  it('follows a lot to every order that drew from it, with the quantities issued', async () => {
    const em = app.orm.em.fork();
    const issues = await em.find(MaterialIssue, { lot: 'L2611-B45-01' }, { populate: ['workOrder'] });
    expect(issues.length).toBeGreaterThan(0);
    const answer = text(await app.as('zhouqiang').say('追溯 L2611-B45-01'));
    const lot = await em.findOneOrFail(MaterialLot, 'L2611-B45-01');
    expect(answer).toContain(`批次 L2611-B45-01：45# 圆钢（BAR-45），供应商 ${lot.supplier}\n`);
    expect(lot.supplier).toBe('江苏永钢');
    expect(answer).toContain(`入库 ${lot.quantity}kg，现存 ${lot.remaining}kg`);
    for (const number of new Set(issues.map((i) => i.workOrder.number))) {
      const issued = issues.filter((i) => i.workOrder.number === number).reduce((n, i) => n + i.quantity, 0);
      expect(answer).toMatch(new RegExp(`${number} .*领用 ${issued}kg`));
    }
  });

  it('tells an order’s lots, and who made each operation on which machine, with the stored totals', async () => {
    const answer = text(await app.as('zhouqiang').say('追溯 WO-DEMO-001'));
    const tasks = await app.orm.em
      .fork()
      .find(OperationTask, { workOrder: { number: 'WO-DEMO-001' } }, { orderBy: { sequence: 'asc' } });
    expect(answer).toContain('工单 WO-DEMO-001：');
    expect(answer).toContain('材料：L2611-B45-01 45# 圆钢 180kg（供应商 江苏永钢）');
    expect(answer).toMatch(/10 \S+：张伟（[^）]+），设备 CNC-01；/);
    for (const t of tasks) {
      expect(answer).toContain(`${t.sequence} ${t.name}：`);
      // An operation nobody has reported on says so, without a 合格 0，报废 0 after it.
      if (t.goodTotal + t.scrapTotal > 0)
        expect(answer).toContain(`合格 ${t.goodTotal}，报废 ${t.scrapTotal}`);
      else expect(answer).toContain(`${t.sequence} ${t.name}：还没有人报工\n`);
    }
  });

  it('names who made the pieces of a report a lead corrected, and nobody for one taken back whole', async () => {
    await app.as('zhangwei').say('开工 WO-DEMO-005');
    const [reported] = await app.as('zhangwei').say('完工 WO-DEMO-005 10');
    const label = /报工号 (B\d+)/.exec(reported?.kind === 'text' ? reported.text : '')?.[1];
    expect(label).toBeDefined();
    await app.as('wangfang').say(`更正 ${label} 8`);
    expect(text(await app.as('zhouqiang').say('追溯 WO-DEMO-005'))).toMatch(
      /- 10 车削：张伟（[^）]+），设备 CNC-01；合格 8，报废 0，/,
    );
    expect(text(await app.as('liuyang').say('完工 WO-DEMO-005 工序10 3'))).toMatch(/^已报工/);
    expect(text(await app.as('liuyang').say('撤销'))).toMatch(/^已撤销报工/);
    const answer = text(await app.as('zhouqiang').say('追溯 WO-DEMO-005'));
    expect(answer).toMatch(/- 10 车削：张伟（[^）]+），设备 CNC-01；合格 8，/);
    expect(answer).not.toContain('刘洋');
    expect(answer).not.toContain('王芳');
  });

  it('asks which one is meant when a code is both a lot and an order, and answers when told', async () => {
    const em = app.orm.em.fork();
    const item = await em.findOneOrFail(Item, 'BAR-45');
    em.create(MaterialLot, {
      lotNumber: 'WO-DEMO-002',
      item,
      quantity: 5,
      remaining: 5,
      receivedAt: app.clock.now(),
    });
    await em.flush();
    expect(text(await app.as('zhouqiang').say('追溯 WO-DEMO-002'))).toBe(
      '「WO-DEMO-002」既是批次号也是工单号。请写「追溯 批次 WO-DEMO-002」或「追溯 工单 WO-DEMO-002」。',
    );
    expect(text(await app.as('zhouqiang').say('追溯 批次 WO-DEMO-002'))).toContain('批次 WO-DEMO-002：');
    expect(text(await app.as('zhouqiang').say('追溯 工单 WO-DEMO-002'))).toContain('工单 WO-DEMO-002：');
  });

  it('says plainly when nothing has that code, and refuses a code longer than any can be', async () => {
    expect(text(await app.as('zhouqiang').say('追溯 L-NONE'))).toBe(
      '没有找到批次、工单或序列号「L-NONE」。请检查编号。',
    );
    expect(text(await app.as('zhouqiang').say(`追溯 ${'X'.repeat(65)}`))).toBe('编号最多 64 个字符。');
  });

  it('gives the same trace through the API, refusing a code that is both without ?kind and a key without the scope', async () => {
    const key = await createApiKey(app.orm.em.fork(), 'erp', ['quality:read'], app.clock.now());
    const other = await createApiKey(app.orm.em.fork(), 'board', ['outsourcing:read'], app.clock.now());
    const get = (path: string, k = key) =>
      fetch(`${app.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${k}` } });

    const order = await get('/trace/WO-DEMO-001');
    expect(order.status).toBe(200);
    const body = (await order.json()) as {
      kind: string;
      order: { lots: unknown[]; operations: Array<{ good: number }> };
    };
    const tasks = await app.orm.em
      .fork()
      .find(OperationTask, { workOrder: { number: 'WO-DEMO-001' } }, { orderBy: { sequence: 'asc' } });
    expect(body.kind).toBe('order');
    expect(body.order.operations.map((o) => o.good)).toEqual(tasks.map((t) => t.goodTotal));
    expect(body.order.lots).toEqual([
      { lotNumber: 'L2611-B45-01', itemName: '45# 圆钢', unit: 'kg', quantity: 180, supplier: '江苏永钢' },
    ]);

    const both = await get('/trace/WO-DEMO-002');
    expect([both.status, both.headers.get('content-type')]).toEqual([409, 'application/problem+json']);
    expect(((await (await get('/trace/WO-DEMO-002?kind=lot')).json()) as { kind: string }).kind).toBe('lot');
    expect((await get('/trace/NOPE')).status).toBe(404);
    expect((await get('/trace/WO-DEMO-001', other)).status).toBe(403);
  });
});
