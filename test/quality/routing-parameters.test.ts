import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { ProductionException } from '../../src/workorders/production-exception.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { lastReportLabel } from '../support/reports.js';

const text = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`)).join('\n');

/**
 * Parameters declared on the routing: the ERP puts SHF-200's routing with 转速 800–1200 rpm and
 * 浓度 4–9 % on turning; factory.yaml tightens 浓度 to 5–8 %. An order made afterwards copies
 * them (WO-DEMO-006, made before, keeps none of its own); 刘洋 turns it.
 */
describe('process parameters declared on the routing', () => {
  let app: DemoApp;
  let key: string;
  let wo = '';
  beforeAll(async () => {
    app = await startDemoApp({
      factory: {
        ...defaultFactoryConfig,
        quality: {
          ...defaultFactoryConfig.quality,
          parameters: [{ item: 'SHF-200', sequence: 10, name: '浓度', unit: '%', min: 5, max: 8 }],
        },
      },
    });
    key = await createApiKey(
      app.orm.em.fork(),
      'erp',
      ['masterdata:write', 'workorders:read'],
      app.clock.now(),
    );
  });
  afterAll(() => app.stop());

  const putRouting = async (turningParameters: unknown[]) => {
    const res = await fetch(`${app.baseUrl}/api/v1/items/SHF-200/routing`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        steps: [
          { sequence: 10, name: '车削', standardMinutes: 4, parameters: turningParameters },
          { sequence: 20, name: '铣键槽', standardMinutes: 3 },
          { sequence: 30, name: '磨削', standardMinutes: 5 },
        ],
      }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const qualityExceptions = () =>
    app.orm.em
      .fork()
      .find(ProductionException, { workOrder: { number: wo }, kind: 'quality' }, { orderBy: { id: 'asc' } });

  it('refuses limits the wrong way round or a name twice, and stores nothing', async () => {
    const backwards = await putRouting([{ name: '转速', unit: 'rpm', min: 1200, max: 800 }]);
    expect(backwards.status).toBe(400);
    expect(backwards.json.errors).toEqual([
      'body.steps[sequence 10]: parameter "转速": min 1200 is above max 800',
    ]);
    const twice = await putRouting([
      { name: '转速', unit: 'rpm' },
      { name: '转速', unit: 'rpm' },
    ]);
    expect(twice.json.errors).toEqual(['body.steps[sequence 10]: duplicate parameter "转速"']);
    const res = await fetch(`${app.baseUrl}/api/v1/items/SHF-200`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const item = (await res.json()) as { routing: Array<{ parameters: unknown[] }> };
    expect(item.routing.map((s) => s.parameters)).toEqual([[], [], []]);
  });

  it('asks for them on 报工, factory.yaml overriding by name; a limit exceeded raises one exception', async () => {
    const put = await putRouting([
      { name: '转速', unit: 'rpm', nominal: 1000, min: 800, max: 1200 },
      { name: '浓度', unit: '%', min: 4, max: 9 },
    ]);
    expect(put.status).toBe(200);
    expect(put.json.routing[0].parameters).toEqual([
      { name: '转速', unit: 'rpm', nominal: 1000, min: 800, max: 1200 },
      { name: '浓度', unit: '%', min: 4, max: 9 },
    ]);

    // WO-DEMO-006 was made before: it asks only for factory.yaml's 浓度.
    expect(text(await app.as('liuyang').say('完工 WO-DEMO-006 10'))).toContain(
      '「车削」要记录工艺参数：浓度（5~8%）。',
    );
    const boss = app.as('lijianguo');
    wo = /WO-\d{8}-\d{3}/.exec(text(await boss.say('新建工单 SHF-200 50 12-10 华东机械')))?.[0] ?? '';
    await boss.say(`下达 ${wo}`);
    await boss.say(`派工 ${wo} 工序10 @刘洋`);
    const reply = text(await app.as('liuyang').say(`完工 ${wo} 10`));
    const label = await lastReportLabel(app.orm);
    expect(reply).toContain(
      `${wo}「车削」要记录工艺参数：转速（800~1200rpm）、浓度（5~8%）。请发送「参数 ${label} 转速=<值> 浓度=<值>」。`,
    );

    // 转速 over the routing's limit: one exception. 浓度 8.5 is inside the routing's 4–9 but
    // outside factory.yaml's 5–8, which wins: a second one.
    expect(text(await app.as('liuyang').say(`参数 ${label} 转速=1250 浓度=6`))).toMatch(
      new RegExp(`^已记录报工 ${label} 的工艺参数：转速 1250rpm（超限，已报异常 E\\d+），浓度 6%。$`),
    );
    const [overSpeed, ...none] = await qualityExceptions();
    expect(none).toEqual([]);
    expect(overSpeed!.reason).toBe(`质量问题：工艺参数超限 转速 1250rpm（要求 800~1200rpm，报工 ${label}）`);

    // The same value again is a replay: no second exception.
    expect(text(await app.as('liuyang').say(`参数 ${label} 转速=1250`))).toContain(
      `转速 1250rpm（超限，已报异常 E${overSpeed!.id}）`,
    );
    expect(await qualityExceptions()).toHaveLength(1);

    await app.as('liuyang').say(`完工 ${wo} 5`);
    const next = await lastReportLabel(app.orm);
    await app.as('liuyang').say(`参数 ${next} 转速=1000 浓度=8.5`);
    const exceptions = await qualityExceptions();
    expect(exceptions.map((e) => e.reason)).toEqual([
      overSpeed!.reason,
      `质量问题：工艺参数超限 浓度 8.5%（要求 5~8%，报工 ${next}）`,
    ]);
  });
});
