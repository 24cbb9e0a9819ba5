import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { RepairStep } from '../../src/equipment/repairs/repair-step.entity.js';
import { RepairTicket } from '../../src/equipment/repairs/repair-ticket.entity.js';
import { PointEntry } from '../../src/incentives/point-entry.entity.js';
import { ProductionException } from '../../src/workorders/production-exception.entity.js';
import { WorkOrder } from '../../src/workorders/work-order.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const texts = (replies: OutboundContent[]) =>
  replies.flatMap((r) => (r.kind === 'text' || r.kind === 'markdown' ? [r.text] : []));

/** Issue 16 item 6: over-long chat arguments are refused with the limit, and nothing is stored. */
describe('chat arguments longer than their columns', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  const say = async (personId: string, text: string) => texts(await app.as(personId).say(text));
  const counts = async () => {
    const em = app.orm.em.fork();
    return [
      await em.count(ProductionException),
      await em.count(WorkOrder),
      await em.count(RepairTicket),
      await em.count(OutboxMessage),
    ];
  };

  it('a 501-character 异常 reason gets "原因最多 500 字" and raises nothing; 500 characters still go through', async () => {
    const before = await counts();
    // Emoji count as one character each, as MariaDB counts them in utf8mb4.
    const reply = await say('zhangwei', `异常 WO-DEMO-001 ${'🔧'.repeat(501)}`);
    expect(reply).toEqual(['原因最多 500 字（现在 501 字），请精简后重新发送。']);
    expect(await counts()).toEqual(before);

    const [raised] = await say('zhangwei', `异常 WO-DEMO-001 ${'🔧'.repeat(500)}`);
    expect(raised).toMatch(/^已上报异常 E\d+/);
    expect(await app.orm.em.fork().count(ProductionException)).toBe((before[0] ?? 0) + 1);
  });

  it('a 101-character customer on 新建工单 gets "客户最多 100 字" and creates no order', async () => {
    const before = await counts();
    const reply = await say('chenjing', `新建工单 传动轴 300 12-08 ${'客'.repeat(101)}`);
    expect(reply).toEqual(['客户最多 100 字（现在 101 字），请精简后重新发送。']);
    expect(await counts()).toEqual(before);
  });

  it('a 501-character 报修 symptom is refused with its limit instead of being cut to 500 unseen', async () => {
    const before = await counts();
    expect(await say('zhangwei', `报修 CNC-01 ${'坏'.repeat(501)}`)).toEqual([
      '故障描述最多 500 字（现在 501 字），请精简后重新发送。',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('加分 and 维修完成 refuse an over-long reason or note instead of cutting it unseen', async () => {
    const em = () => app.orm.em.fork();
    const stored = async () => [await em().count(PointEntry), await em().count(RepairStep), await counts()];
    const before = await stored();
    expect(await say('lijianguo', `加分 @张伟 2 ${'好'.repeat(201)}`)).toEqual([
      '原因最多 200 字（现在 201 字），请精简后重新发送。',
    ]);
    expect(await say('gaoyuan', `维修完成 R2 ${'换'.repeat(501)}`)).toEqual([
      '说明最多 500 字（现在 501 字），请精简后重新发送。',
    ]);
    expect(await stored()).toEqual(before);
    // At the limit, the reason goes through as written.
    expect(await say('lijianguo', `加分 @张伟 2 ${'好'.repeat(200)}`)).toEqual([
      `已给张伟加 2 分：${'好'.repeat(200)}。`,
    ]);
    const entry = await em().findOneOrFail(PointEntry, { source: 'manual' }, { orderBy: { id: 'desc' } });
    expect(entry.reason).toBe('好'.repeat(200));
  });

  it('新建工单 with 2147483648 pieces or a due date of 9999-12-31 or 0000-01-01 is refused, creating nothing', async () => {
    const before = await counts();
    expect(await say('chenjing', '新建工单 传动轴 2147483648 12-08')).toEqual([
      '数量超出了允许的范围，请检查后重新发送。',
    ]);
    for (const due of ['9999-12-31', '0000-01-01'])
      expect(await say('chenjing', `新建工单 传动轴 300 ${due}`)).toEqual([
        `「${due}」不是有效的交期，请写成 12-01、2026-12-01 或「明天」。`,
      ]);
    expect(await counts()).toEqual(before);
  });
});
