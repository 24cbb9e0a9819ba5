import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboundRecord } from '../../../src/chat/inbound/inbound-record.entity.js';
import { OutboxMessage } from '../../../src/chat/outbox/outbox-message.entity.js';
import { WorkReport } from '../../../src/workorders/work-report.entity.js';
import { startDemoApp, type DemoApp } from '../../support/demo-app.js';
import {
  encryptedCallback,
  inbound,
  openReply,
  verificationQuery,
  WECOM,
  wecomEnv,
  type CallbackRequest,
} from './callback-client.js';
import { lastReportLabel } from '../../support/reports.js';

describe('the WeCom app callback', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp({ env: wecomEnv() });
  });
  afterAll(async () => {
    await app.stop();
  });

  const post = (request: CallbackRequest, body = request.body) =>
    fetch(`${app.baseUrl}/wecom/callback?${request.query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    });
  const rows = async () => {
    const em = app.orm.em.fork();
    return {
      inbound: await em.count(InboundRecord),
      outbox: await em.count(OutboxMessage),
      reports: await em.count(WorkReport),
    };
  };

  it('answers URL verification with the decrypted echo and nothing else', async () => {
    const res = await fetch(
      `${app.baseUrl}/wecom/callback?${verificationQuery('echo-1234567890', app.clock.now()).query}`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('echo-1234567890');
  });

  it('refuses a signed verification from a day ago with 403 and no echo', async () => {
    const dayAgo = new Date(app.clock.now().getTime() - 86_400_000);
    const res = await fetch(
      `${app.baseUrl}/wecom/callback?${verificationQuery('echo-stale-01', dayAgo).query}`,
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('');
  });

  it('answers a bound user with an encrypted passive text reply', async () => {
    const res = await post(
      encryptedCallback(inbound.text('zhangwei', '你好', app.clock.now()), { now: app.clock.now() }),
    );
    expect(res.status).toBe(200);
    const reply = openReply(await res.text());
    expect(reply).toMatchObject({ ToUserName: 'zhangwei', FromUserName: WECOM.corpId, MsgType: 'text' });
    expect(String(reply.Content)).toMatch(/^没有「你好」这个命令。/);
  });

  it('answers 帮助, longer than a passive reply holds, empty, and sends it through the outbox', async () => {
    const res = await post(
      encryptedCallback(inbound.text('zhangwei', '帮助', app.clock.now()), { now: app.clock.now() }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const queued = await app.orm.em
      .fork()
      .find(OutboxMessage, { recipientKey: 'zhangwei' }, { orderBy: { id: 'asc' } });
    const texts = queued.map((q) => (q.content.kind === 'text' ? q.content.text : ''));
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const t of texts) expect(Buffer.byteLength(t)).toBeLessThanOrEqual(2048);
    expect(texts.join('\n')).toMatch(/^张伟，您可以发送：\n· 帮助[^]*发送「取消」可以结束正在进行的对话。$/);
  });

  it('hands a scanned work-order code to the chat core, which answers with the task card through the outbox', async () => {
    const before = await rows();
    const res = await post(
      encryptedCallback(inbound.scan('zhangwei', 'https://factory.example/wo/WO-DEMO-001', app.clock.now()), {
        now: app.clock.now(),
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const [record] = await app.orm.em.fork().find(InboundRecord, { kind: 'scan' });
    expect(record?.payload).toMatchObject({
      kind: 'scan',
      scannedText: 'https://factory.example/wo/WO-DEMO-001',
    });
    const queued = await app.orm.em
      .fork()
      .find(OutboxMessage, { channel: 'wecom-app', recipientKey: 'zhangwei' }, { orderBy: { id: 'desc' } });
    expect(queued[0]?.content).toMatchObject({ kind: 'card', card: { title: 'WO-DEMO-001 · 10 车削' } });
    expect((await rows()).outbox).toBe(before.outbox + 1);
  });

  it('keeps a MsgId beyond 2^53 exactly, and the same callback posted three times has one effect', async () => {
    const request = encryptedCallback(inbound.text('zhangwei', '完工 WO-DEMO-001 3', app.clock.now()), {
      now: app.clock.now(),
    });
    const before = await rows();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(openReply(await (await post(request)).text()).Content);
    expect(answers).toEqual(
      Array(3).fill(
        `已报工（报工号 ${await lastReportLabel(app.orm)}）：WO-DEMO-001「车削」合格 3 件。还剩 35 件。`,
      ),
    );
    const after = await rows();
    expect([after.inbound - before.inbound, after.reports - before.reports]).toEqual([1, 1]);
    const [latest] = await app.orm.em
      .fork()
      .find(InboundRecord, { channel: 'wecom-app', kind: 'text' }, { orderBy: { id: 'desc' } });
    expect(latest?.platformMessageId).toMatch(/^73450000000000000\d\d$/);
  });

  it('refuses forged, foreign, stale, malformed and oversized callbacks, changing nothing, and stays healthy', async () => {
    const now = app.clock.now();
    const good = () => inbound.text('zhangwei', '完工 WO-DEMO-001 1', now);
    const wrongSignature = encryptedCallback(good(), { now, token: 'someoneElsesToken' });
    const wrongKey = encryptedCallback(good(), {
      now,
      aesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
    });
    const foreignCorp = encryptedCallback(good(), { now, corpId: 'wwsomeoneelse' });
    const stale = encryptedCallback(good(), { now: new Date(now.getTime() - 10 * 60_000) });
    const before = await rows();
    const statuses = [
      (await post(wrongSignature)).status,
      (await post(wrongKey)).status,
      (await post(foreignCorp)).status,
      (await post(stale)).status,
      (await post(encryptedCallback(good(), { now }), '<xml><Encrypt>unterminated')).status,
      (
        await post(
          encryptedCallback(good(), { now }),
          `<xml><Encrypt>${'A'.repeat(2 * 1024 * 1024)}</Encrypt></xml>`,
        )
      ).status,
    ];
    expect(statuses).toEqual([403, 403, 403, 403, 400, 413]);
    expect(await rows()).toEqual(before);
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
  });
});
