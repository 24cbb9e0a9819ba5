import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { DownloadLink } from '../../src/http/downloads/download-link.entity.js';
import { MaterialLot } from '../../src/materials/material-lot.entity.js';
import { inZone } from '../../src/shared/time.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { encryptedCallback, inbound, openReply, wecomEnv } from '../channels/wecom-app/callback-client.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { decodeQrCodes } from '../support/qr-codes.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));
const linkIn = (reply: string[]) => /https?:\/\/\S+\/downloads\/\S+/.exec(reply.join('\n'))?.[0];

describe('printed job tickets and lot labels', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp({ env: wecomEnv() });
  });
  afterAll(async () => {
    await app.stop();
  });

  const open = (url: string) => fetch(url.replace(/^https?:\/\/[^/]+/, app.baseUrl));
  const pdfOf = async (url: string) => {
    const response = await open(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    return Buffer.from(await response.arrayBuffer());
  };
  const scan = (from: string, code: string) => {
    // WeCom tells events apart by sender and second: a second scan in the same second is a resend.
    app.clock.advance(1000);
    const request = encryptedCallback(inbound.scan(from, code, app.clock.now()), { now: app.clock.now() });
    return fetch(`${app.baseUrl}/wecom/callback?${request.query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: request.body,
    });
  };
  const lastCardTo = async (person: string) => {
    const [last] = await app.orm.em
      .fork()
      .find(
        OutboxMessage,
        { channel: 'wecom-app', recipientKey: person },
        { orderBy: { id: 'desc' }, limit: 1 },
      );
    return last?.content as
      { kind: string; card?: { title: string; buttons: Array<{ key: string; text: string }> } } | undefined;
  };

  it('prints a ticket whose QR codes, each scanned in WeCom, open the card of exactly that operation', async () => {
    const tasks = await app.orm.em
      .fork()
      .find(
        OperationTask,
        { workOrder: { number: 'WO-DEMO-001' }, status: { $ne: 'cancelled' } },
        { orderBy: { sequence: 'asc' } },
      );
    const reply = texts(await app.as('chenjing').say('打印 wo-demo-001'));
    expect(reply[0]).toContain(`工单 WO-DEMO-001 的流转卡（${tasks.length} 道工序）已生成`);
    const pages = decodeQrCodes(await pdfOf(linkIn(reply)!));
    const base = app.settings.publicUrl;
    expect(pages.flat().sort()).toEqual(
      [`${base}/wo/WO-DEMO-001`, ...tasks.map((t) => `${base}/wo/WO-DEMO-001/${t.sequence}`)].sort(),
    );

    for (const task of tasks) {
      const code = pages.flat().find((c) => c.endsWith(`/${task.sequence}`))!;
      expect((await scan('liuyang', code)).status).toBe(200);
      const card = await lastCardTo('liuyang');
      if (task.status === 'done') expect(card).toMatchObject({ kind: 'text' });
      else expect(card?.card?.title).toBe(`WO-DEMO-001 · ${task.sequence} ${task.name}`);
    }
  });

  it('reports on the scanned operation when its assignee taps 完工 on the card the code opened', async () => {
    const em = app.orm.em.fork();
    const task = await em.findOneOrFail(
      OperationTask,
      { workOrder: { number: 'WO-DEMO-001' }, status: 'in_progress', assignee: { $ne: null } },
      { populate: ['assignee'], orderBy: { sequence: 'desc' } },
    );
    const reply = texts(await app.as('chenjing').say('打印 WO-DEMO-001'));
    const code = decodeQrCodes(await pdfOf(linkIn(reply)!))
      .flat()
      .find((c) => c.endsWith(`/wo/WO-DEMO-001/${task.sequence}`))!;
    const worker = task.assignee!.id;
    await scan(worker, code);
    const finish = (await lastCardTo(worker))!.card!.buttons.find((b) => b.text.startsWith('完工'))!;
    const pieces = Number(/完工 (\d+) 件/.exec(finish.text)![1]);
    const click = encryptedCallback(
      inbound.click(worker, finish.key, 'card-task-1', 'rc-1', app.clock.now()),
      {
        now: app.clock.now(),
      },
    );
    await fetch(`${app.baseUrl}/wecom/callback?${click.query}`, { method: 'POST', body: click.body });
    const [report] = await app.orm.em
      .fork()
      .find(WorkReport, { task: task.id }, { orderBy: { id: 'desc' }, limit: 1 });
    expect(report).toMatchObject({ good: pieces, scrap: 0 });
  });

  it('refuses a worker, an unknown order and a second word, storing no link', async () => {
    const links = await app.orm.em.fork().count(DownloadLink);
    expect(texts(await app.as('zhangwei').say('打印 WO-DEMO-001'))[0]).toBe(
      '「打印」只有计划员、车间主任、班组长、质检员、管理层可以使用。',
    );
    expect(texts(await app.as('chenjing').say('打印 WO-NOPE-999'))).toEqual(['没有找到工单 WO-NOPE-999。']);
    expect(texts(await app.as('chenjing').say('打印 WO-DEMO-001 WO-DEMO-002'))[0]).toContain(
      '请写要打印的工单号',
    );
    expect(await app.orm.em.fork().count(DownloadLink)).toBe(links);
  });

  it('prints lot labels whose codes name the lots, and refuses an unknown lot by name', async () => {
    const reply = texts(await app.as('lijianguo').say('打印 批次 L2611-Q235-01 L2611-B45-02'));
    expect(reply[0]).toContain('2 个批次标签已生成');
    const [codes] = decodeQrCodes(await pdfOf(linkIn(reply)!));
    const base = app.settings.publicUrl;
    expect(codes!.sort()).toEqual([`${base}/lot/L2611-B45-02`, `${base}/lot/L2611-Q235-01`]);
    // A text answer to a scan goes back in the callback's own (passive) reply.
    const answer = openReply(await (await scan('zhangwei', `${base}/lot/L2611-B45-02`)).text());
    const lot = await app.orm.em.fork().findOneOrFail(MaterialLot, 'L2611-B45-02', { populate: ['item'] });
    expect(answer.Content).toBe(
      `批次 L2611-B45-02：${lot.item.code} ${lot.item.name}，结存 ${lot.remaining}${lot.item.unit}（入库 ${lot.quantity}${lot.item.unit}，${inZone(lot.receivedAt, app.settings.factoryTz).format('YYYY-MM-DD')}）。\n领料请发：领料 <工单> L2611-B45-02 <数量>`,
    );
    expect(texts(await app.as('lijianguo').say('打印 批次 L2611-Q235-01 L-NONE'))).toEqual([
      '没有找到批次：L-NONE。',
    ]);
  });

  it('stops a link once it expires, and never opens one kind of print with another kind of link', async () => {
    const url = linkIn(texts(await app.as('chenjing').say('打印 WO-DEMO-002')))!;
    expect((await open(url.replace('/downloads/ticket/', '/downloads/lot-labels/'))).status).toBe(410);
    app.clock.advance(25 * 3_600_000);
    const expired = await open(url);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('打印链接已失效');
  });

  it('serves the same PDF through the API to a key with the read scope only', async () => {
    const em = app.orm.em.fork();
    const reader = await createApiKey(em, 'MES', ['printing:read'], app.clock.now());
    const other = await createApiKey(em, 'scale', ['workorders:read'], app.clock.now());
    const get = (key: string) =>
      fetch(`${app.baseUrl}/api/v1/work-orders/WO-DEMO-003/ticket.pdf`, {
        headers: { authorization: `Bearer ${key}` },
      });
    const ok = await get(reader);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(decodeQrCodes(Buffer.from(await ok.arrayBuffer())).flat()).toContain(
      `${app.settings.publicUrl}/wo/WO-DEMO-003`,
    );
    expect((await get(other)).status).toBe(403);
    const reports = await em.count(WorkReport);
    expect(
      (
        await fetch(`${app.baseUrl}/api/v1/work-orders/WO-NONE-001/ticket.pdf`, {
          headers: { authorization: `Bearer ${reader}` },
        })
      ).status,
    ).toBe(422);
    expect(await em.count(WorkReport)).toBe(reports);
  });
});
