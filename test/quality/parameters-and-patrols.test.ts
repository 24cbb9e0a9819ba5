import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOf } from '../../src/app-services.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { Inspection } from '../../src/quality/inspections/inspection.entity.js';
import { ParameterReading } from '../../src/quality/parameters/parameter-reading.entity.js';
import { remindPatrols } from '../../src/quality/patrols/patrol-service.js';
import { ProductionException } from '../../src/workorders/production-exception.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { lastReportLabel } from '../support/reports.js';

const text = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`)).join('\n');

/**
 * Process parameters and 巡检 on the demo shop: SHF-200's turning (WO-DEMO-006, 刘洋) declares
 * 转速 800–1200 rpm and 浓度 5–8 %, and a 巡检 plan every 2 hours or 20 pieces; 周强 is QC.
 */
describe('process parameters on reports, and 巡检 reminders', () => {
  let app: DemoApp;
  let key: string;
  beforeAll(async () => {
    app = await startDemoApp({
      factory: {
        ...defaultFactoryConfig,
        quality: {
          ...defaultFactoryConfig.quality,
          parameters: [
            { item: 'SHF-200', sequence: 10, name: '转速', unit: 'rpm', nominal: 1000, min: 800, max: 1200 },
            { item: 'SHF-200', sequence: 10, name: '浓度', unit: '%', min: 5, max: 8 },
          ],
          patrols: [
            {
              item: 'SHF-200',
              sequence: 10,
              everyHours: 2,
              everyPieces: 20,
              characteristics: ['外径', '表面'],
            },
          ],
        },
      },
    });
    key = await createApiKey(app.orm.em.fork(), 'gateway', ['quality:write'], app.clock.now());
  });
  afterAll(() => app.stop());

  const em = () => app.orm.em.fork();
  const qualityExceptions = () =>
    em().count(ProductionException, { workOrder: { number: 'WO-DEMO-006' }, kind: 'quality' });
  const pushesTo = async (recipientKey: string) =>
    (await em().find(OutboxMessage, { recipientKey }, { orderBy: { id: 'asc' } })).map((m) => m.content);
  const post = async (reportId: number | string, body: unknown) => {
    const res = await fetch(`${app.baseUrl}/api/v1/work-reports/${reportId}/parameters`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('asks for the parameters on the report; an out-of-limit value raises one quality exception, a replay none', async () => {
    const reply = text(await app.as('liuyang').say('完工 WO-DEMO-006 10'));
    const label = await lastReportLabel(app.orm);
    const id = Number(label.slice(1));
    expect(reply).toContain(
      `WO-DEMO-006「车削」要记录工艺参数：转速（800~1200rpm）、浓度（5~8%）。请发送「参数 ${label} 转速=<值> 浓度=<值>」。`,
    );

    // Someone else's report, a name not declared, a word without a value: refused, nothing stored.
    expect(text(await app.as('maling').say(`参数 ${label} 转速=1000`))).toBe(
      `报工 ${label} 不是您的报工，只能记录自己报工的参数。`,
    );
    expect(text(await app.as('liuyang').say(`参数 ${label} 温度=30`))).toBe(
      '没有工艺参数「温度」。这道工序的参数：转速、浓度。',
    );
    expect(text(await app.as('liuyang').say(`参数 ${label} 转速=快`))).toBe('参数 转速 的值「快」不是数字。');
    expect(await em().count(ParameterReading, { report: id })).toBe(0);

    expect(text(await app.as('liuyang').say(`参数 ${label} 转速=1000 浓度=9.5`))).toMatch(
      new RegExp(`^已记录报工 ${label} 的工艺参数：转速 1000rpm，浓度 9\\.5%（超限，已报异常 E(\\d+)）。$`),
    );
    expect(await qualityExceptions()).toBe(1);
    const [exception] = await em().find(
      ProductionException,
      { workOrder: { number: 'WO-DEMO-006' }, kind: 'quality' },
      { populate: ['raisedBy'] },
    );
    expect(exception!.reason).toBe(`质量问题：工艺参数超限 浓度 9.5%（要求 5~8%，报工 ${label}）`);
    expect(exception!.raisedBy.id).toBe('liuyang');
    expect((await pushesTo('lijianguo')).at(-1)).toMatchObject({
      kind: 'text',
      text: expect.stringContaining(`浓度 9.5%`),
    });

    // The gateway replays the same values: 200, the same readings, no second exception.
    const replay = await post(id, { values: [{ name: '浓度', value: 9.5 }] });
    expect(replay.status).toBe(200);
    expect(replay.json.readings).toEqual([
      expect.objectContaining({
        name: '转速',
        value: 1000,
        outOfLimits: false,
        exceptionId: null,
        source: 'chat',
      }),
      expect.objectContaining({ name: '浓度', value: 9.5, outOfLimits: true, exceptionId: exception!.id }),
    ]);
    expect(text(await app.as('liuyang').say(`参数 ${label} 浓度=9.5`))).toContain('浓度 9.5%（超限');
    expect(await qualityExceptions()).toBe(1);

    // A different value for a stored name is refused; an unknown report is 404.
    const changed = await post(id, { values: [{ name: '浓度', value: 6 }] });
    expect([changed.status, changed.json.code]).toEqual([422, 'parameter_recorded']);
    expect((await post(999999, { values: [{ name: '浓度', value: 6 }] })).status).toBe(404);
    expect(await em().count(ParameterReading, { report: id })).toBe(2);

    // The trace shows them under the operation.
    expect(text(await app.as('zhouqiang').say('追溯 WO-DEMO-006'))).toContain(
      `\n  参数：${label} 转速 1000rpm，浓度 9.5%（超限 E${exception!.id}）`,
    );
  });

  it('reminds QC of a due 巡检 once per interval, by hours or by pieces, and records it with its measurements', async () => {
    const remind = () => remindPatrols(unitOf(app.services));
    const patrolPushes = async () =>
      (await pushesTo('zhouqiang')).filter((c) => c.kind === 'text' && c.text.startsWith('巡检提醒'));
    // WO-DEMO-001's turning (SHF-200 too) made 51 pieces since the demo's last 巡检: due. WO-DEMO-006's has 10
    // pieces and no time since its first report started it: not yet.
    expect(await remind()).toBe(1);
    expect((await patrolPushes()).map((c) => (c.kind === 'text' ? c.text : ''))).toEqual([
      '巡检提醒：WO-DEMO-001「车削」上次巡检后已做 51 件，请去现场巡检（检查：外径、表面）。' +
        '记录请发送「巡检 WO-DEMO-001 工序10 <抽检数> [不合格 <数> <原因码>] [特性=实测值]」。',
    ]);
    expect(await remind()).toBe(0);

    app.clock.advance(2 * 3_600_000);
    expect(await remind()).toBe(1);
    expect(await remind()).toBe(0);
    expect((await patrolPushes()).slice(1)).toEqual([
      {
        kind: 'text',
        text:
          '巡检提醒：WO-DEMO-006「车削」开工以来已 2 小时，请去现场巡检（检查：外径、表面）。' +
          '记录请发送「巡检 WO-DEMO-006 工序10 <抽检数> [不合格 <数> <原因码>] [特性=实测值]」。',
      },
    ]);

    const qc = app.as('zhouqiang');
    expect(text(await qc.say('巡检 WO-DEMO-006 工序10 5 不合格 1'))).toBe('有不合格时要写原因码。');
    expect(text(await qc.say('巡检 WO-DEMO-006 工序10 5 不合格 1 D01 外径=20.02 表面=OK'))).toBe(
      '已记录巡检：WO-DEMO-006「车削」抽检 5 件，合格 4 件，不合格 1 件（D01 尺寸超差）；实测 外径=20.02 表面=OK。' +
        '\n如需附照片，请直接发送图片，将附在巡检 WO-DEMO-006「车削」上。',
    );
    const [patrol] = await em().find(Inspection, {
      kind: 'patrol',
      task: { workOrder: { number: 'WO-DEMO-006' } },
    });
    expect(patrol).toMatchObject({ accepted: 4, rejected: 1, reasonCode: 'D01', note: '外径=20.02 表面=OK' });
    expect(text(await app.as('liuyang').say('巡检 WO-DEMO-006 工序10 5'))).toBe(
      '「巡检」只有质检员可以使用。',
    );

    // Just checked: not due; 20 pieces later it is, by pieces.
    expect(await remind()).toBe(0);
    app.clock.advance(10 * 60_000);
    await app.as('liuyang').say('完工 WO-DEMO-006 20');
    expect(await remind()).toBe(1);
    expect((await patrolPushes()).at(-1)).toMatchObject({
      text: expect.stringContaining('WO-DEMO-006「车削」上次巡检后已做 20 件'),
    });
    expect(await remind()).toBe(0);

    // The trace carries the 巡检 with what was measured.
    expect(text(await qc.say('追溯 WO-DEMO-006'))).toMatch(
      /\n {2}巡检 \S+ \S+ 周强：合格 4，不合格 1（D01）；外径=20\.02 表面=OK/,
    );
  });

  it('巡检 without the operation takes the one running, or asks which and then for the counts', async () => {
    const qc = app.as('zhouqiang');
    const patrols = () => em().count(Inspection, { kind: 'patrol' });
    const before = await patrols();
    expect(text(await qc.say('巡检 WO-DEMO-003 5'))).toMatch(
      /^已记录巡检：WO-DEMO-003「车削」抽检 5 件，合格 5 件。/,
    );
    expect(text(await qc.say('巡检 WO-DEMO-001'))).toBe(
      'WO-DEMO-001 巡检哪道工序？请回复工序号：10 车削、20 铣键槽。下次可以一次写全，例如「巡检 WO-DEMO-001 工序10 5」。',
    );
    expect(text(await qc.say('磨'))).toBe(
      '工单 WO-DEMO-001 没有工序「磨」。它的工序有：10 车削、20 铣键槽、30 磨削。',
    );
    expect(text(await qc.say('工序20'))).toBe(
      'WO-DEMO-001「铣键槽」巡检：抽检几件？回复抽检数，有不合格或实测值一并写上，例如「5」或「5 不合格 1 D01 外径=20.01」。',
    );
    expect(text(await qc.say('很多'))).toBe('「很多」不是抽检数。请写：巡检 <工单> <工序> <抽检数> …');
    expect(text(await qc.say('3'))).toMatch(/^已记录巡检：WO-DEMO-001「铣键槽」抽检 3 件，合格 3 件。/);
    expect(await patrols()).toBe(before + 2);
  });
});
