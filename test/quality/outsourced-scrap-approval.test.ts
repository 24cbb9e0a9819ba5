import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { OutsourcingInspection } from '../../src/outsourcing/inspection.entity.js';
import { scrapApprovalTimes } from '../../src/quality/scrap/scrap-approval-service.js';
import { ScrapRequest } from '../../src/quality/scrap/scrap-request.entity.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { platingLegOrder, text } from '../outsourcing/plating-leg.js';

/**
 * Scrap found by 外协质检 on a plating leg in the middle of a routing (车削 → 电镀 at 华美电镀 →
 * 装配) goes through the same approval line as in-house scrap: SHF-PL needs a supervisor's
 * approval above 3 pieces. 周强 counts, 李建国 approves.
 */
describe('outsourcing QC scrap through the scrap approval threshold', () => {
  let app: DemoApp;
  let wo = '';
  let os = '';
  beforeAll(async () => {
    app = await startDemoApp({
      factory: {
        ...defaultFactoryConfig,
        quality: {
          ...defaultFactoryConfig.quality,
          scrapApproval: { items: [{ item: 'SHF-PL', threshold: 3, approvers: 'supervisor' }] },
        },
      },
    });
    wo = await platingLegOrder(app);
    os =
      /OS-\d{8}-\d{3}/.exec(
        text(await app.as('sunli').say(`外发 华美电镀 SHF-PL 100 11-28 ${wo} 工序20`)),
      )?.[0] ?? '';
    await app.as('sunli').say(`回厂 ${os} 100`);
    expect([wo, os]).not.toContain('');
  });
  afterAll(() => app.stop());

  const em = () => app.orm.em.fork();
  const plating = () => em().findOneOrFail(OperationTask, { workOrder: { number: wo }, sequence: 20 });
  const requests = () => em().find(ScrapRequest, {}, { orderBy: { id: 'asc' }, populate: ['requestedBy'] });

  it('holds QC scrap over the line as S<n> for the approvers, not counted while pending', async () => {
    const reply = text(await app.as('zhouqiang').say(`质检 ${os} 合格 90 不合格 6 原因 D01`));
    const [request, ...others] = await requests();
    expect(others).toEqual([]);
    const label = `S${request!.id}`;
    expect(reply).toContain(`报废 6 件超过审批线 3 件，已提交审批（${label}），批准后才计入报废。`);
    expect(request).toMatchObject({
      quantity: 6,
      reasonCode: 'D01',
      status: 'pending',
      requestedBy: { id: 'zhouqiang' },
      outsideSource: `outsourcing:${os}`,
    });
    // QC's count is kept as counted; the operation has the good pieces and none of the scrap.
    expect(await em().findOneOrFail(OutsourcingInspection, { order: { number: os } })).toMatchObject({
      accepted: 90,
      rejected: 6,
    });
    expect(await plating()).toMatchObject({ goodTotal: 90, scrapTotal: 0, status: 'in_progress' });
    const cards = (await em().find(OutboxMessage, { recipientKey: 'lijianguo' })).filter(
      (m) => m.content.kind === 'card',
    );
    expect(cards).toHaveLength(1);
    // Under the line, QC scrap is posted at once, as before.
    await app.as('zhouqiang').say(`质检 ${os} 合格 2 不合格 2 原因 S01`);
    expect(await requests()).toHaveLength(1);
    expect(await plating()).toMatchObject({ goodTotal: 92, scrapTotal: 2, status: 'in_progress' });
  });

  it('posts it on approval as the operation’s scrap, with no work report, and keeps the approval time', async () => {
    const [request] = await requests();
    const label = `S${request!.id}`;
    expect(text(await app.as('zhouqiang').say(`报废审批 ${label} 批准`))).toBe(
      `报废申请 ${label} 要由主管审批。`,
    );
    app.clock.advance(25 * 60_000);
    expect(text(await app.as('lijianguo').say(`报废审批 ${label} 批准`))).toBe(
      `已批准报废申请 ${label}：6 件已计入报废（申请到审批 25 分钟）。`,
    );
    // 92 good + 8 scrap: the operation has all 100 pieces and is done.
    expect(await plating()).toMatchObject({ goodTotal: 92, scrapTotal: 8, status: 'done' });
    expect(await em().count(WorkReport, { task: { workOrder: { number: wo }, sequence: 20 } })).toBe(0);
    const times = await scrapApprovalTimes(em(), new Date(0), new Date(app.clock.now().getTime() + 1));
    expect(times.map((t) => [t.id, t.minutes, t.approved])).toEqual([[request!.id, 25, true]]);
    expect(text(await app.as('lijianguo').say(`报废审批 ${label} 批准`))).toBe(
      `报废申请 ${label} 已批准，不能再审批。`,
    );
    expect(await plating()).toMatchObject({ scrapTotal: 8 });
  });
});
