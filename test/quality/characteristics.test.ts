import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { Inspection, type InspectionKind } from '../../src/quality/inspections/inspection.entity.js';
import { RoutingStep } from '../../src/workorders/routing-step.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const texts = (replies: OutboundContent[]) => replies.flatMap((r) => (r.kind === 'text' ? [r.text] : []));

/**
 * The routing names what QC measures on each operation (检验特性: unit and limits); 首检, 巡检
 * and 终检 take those values, judge each against its limits and say 超差 where it is out, and
 * the trace keeps it. SHF-CH: 车削 (外径 19.98–20.02 mm, 圆度 ≤ 0.005 mm, 首检), 磨削 (长度 99.9–100.1 mm).
 */
describe('inspection characteristics from the routing', () => {
  let app: DemoApp;
  let key = '';
  let wo = '';
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const inspections = (kind: InspectionKind) =>
    app.orm.em
      .fork()
      .find(Inspection, { kind, task: { workOrder: { number: wo } } }, { orderBy: { id: 'asc' } });
  const steps = [
    {
      sequence: 10,
      name: '车削',
      standardMinutes: 1,
      characteristics: [
        { name: '外径', unit: 'mm', nominal: 20, min: 19.98, max: 20.02 },
        { name: '圆度', unit: 'mm', max: 0.005 },
      ],
    },
    {
      sequence: 20,
      name: '磨削',
      standardMinutes: 1,
      characteristics: [{ name: '长度', unit: 'mm', min: 99.9, max: 100.1 }],
    },
  ];

  beforeAll(async () => {
    app = await startDemoApp();
    key = await createApiKey(app.orm.em.fork(), 'erp', ['masterdata:write'], app.clock.now());
    expect((await api('PUT', '/items/SHF-CH', { name: '测量轴' })).status).toBe(200);
    const put = await api('PUT', '/items/SHF-CH/routing', { steps });
    expect(put.status).toBe(200);
    expect((put.json.routing as Array<{ characteristics: unknown }>).map((s) => s.characteristics)).toEqual(
      steps.map((s) => s.characteristics),
    );
    await app.orm.em
      .fork()
      .nativeUpdate(RoutingStep, { item: 'SHF-CH', sequence: 10 }, { firstArticle: true });
    const boss = app.as('lijianguo');
    wo =
      /WO-\d{8}-\d{3}/.exec(texts(await boss.say('新建工单 SHF-CH 50 12-10 华东机械')).join('\n'))?.[0] ?? '';
    expect(wo).not.toBe('');
    await boss.say(`下达 ${wo}`);
    await boss.say(`派工 ${wo} 工序10 @张伟`);
    await boss.say(`派工 ${wo} 工序20 @张伟`);
  });
  afterAll(() => app.stop());

  it('refuses a routing whose characteristic is named twice or has min above max, changing nothing', async () => {
    const bad = await api('PUT', '/items/SHF-CH/routing', {
      steps: [
        {
          sequence: 10,
          name: '车削',
          standardMinutes: 1,
          characteristics: [
            { name: '外径', unit: 'mm', min: 20.1, max: 20 },
            { name: '外径', unit: 'mm' },
          ],
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([
      'body.steps[sequence 10]: characteristic "外径": min 20.1 is above max 20',
      'body.steps[sequence 10]: duplicate characteristic "外径"',
    ]);
    const kept = await app.orm.em
      .fork()
      .find(RoutingStep, { item: 'SHF-CH' }, { orderBy: { sequence: 'asc' } });
    expect(kept.map((s) => s.characteristics)).toEqual(steps.map((s) => s.characteristics));
  });

  it('首检 and 巡检 judge each value against the operation’s limits and say what is out', async () => {
    await app.as('zhangwei').say(`完工 ${wo} 工序10 1`); // the first piece, for the 首检
    const qc = app.as('zhouqiang');
    expect(texts(await qc.say(`首检 ${wo} 工序10 合格 外径=20.01 圆度=0.003`))[0]).toBe(
      `已记录首检合格：${wo}「车削」，已通知操作工继续生产。`,
    );
    const [first] = await inspections('first_article');
    expect(first!.measurements).toEqual([
      { name: '外径', value: '20.01', unit: 'mm', min: 19.98, max: 20.02, outOfLimits: false },
      { name: '圆度', value: '0.003', unit: 'mm', min: null, max: 0.005, outOfLimits: false },
    ]);

    const out = texts(await qc.say(`巡检 ${wo} 工序10 5 外径=Φ20.05 圆度=0.004`));
    expect(out[0]).toMatch(/\n⚠️ 超差：外径 Φ20.05（19.98～20.02 mm）$/);
    const [patrol] = await inspections('patrol');
    expect(patrol!.measurements?.map((x) => [x.name, x.outOfLimits])).toEqual([
      ['外径', true],
      ['圆度', false],
    ]);

    // What the routing does not name, or what is not a number, is refused and nothing is stored.
    expect(texts(await qc.say(`巡检 ${wo} 工序10 5 螺距=1.5`))).toEqual([
      '工序「车削」的检验特性没有「螺距」。可写：外径、圆度。',
    ]);
    expect(texts(await qc.say(`巡检 ${wo} 工序10 5 外径=OK`))).toEqual([
      '「外径=OK」不是数值，请写实测数值，例如 外径=20.01。',
    ]);
    expect(texts(await qc.say(`巡检 ${wo} 工序10 5 外径=20 外径=20.01`))).toEqual([
      '「外径」写了两次，请每个特性只写一个实测值。',
    ]);
    expect(await inspections('patrol')).toHaveLength(1);
  });

  it('终检 takes the last operation’s values after its counts, and the trace shows what was out', async () => {
    const zhangwei = app.as('zhangwei');
    await zhangwei.say(`完工 ${wo} 工序10 19`);
    await zhangwei.say(`完工 ${wo} 工序20 20`);
    const qc = app.as('zhouqiang');
    expect(texts(await qc.say(`终检 ${wo} 合格 10 长度=100.3 多余`))).toEqual([
      '多余的内容：「多余」。实测值请写成 特性=数值，例如 外径=20.01。',
    ]);
    expect(await inspections('final')).toEqual([]);
    const answer = texts(await qc.say(`终检 ${wo} 合格 10 长度=100.3`));
    expect(answer[1]).toBe('⚠️ 超差：长度 100.3（99.9～100.1 mm）');
    const [final] = await inspections('final');
    expect([final!.accepted, final!.note, final!.measurements?.[0]?.outOfLimits]).toEqual([
      10,
      '长度=100.3',
      true,
    ]);

    const trace = texts(await qc.say(`追溯 ${wo}`))[0] ?? '';
    expect(trace).toContain('；外径=Φ20.05 圆度=0.004；⚠️ 超差 外径 Φ20.05（19.98～20.02 mm）');
    expect(trace).toContain('；长度=100.3；⚠️ 超差 长度 100.3（99.9～100.1 mm）');
  });
});
