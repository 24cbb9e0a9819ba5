import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboundRecord } from '../../src/chat/inbound/inbound-record.entity.js';
import { encryptedCallback, inbound, openReply, wecomEnv } from '../channels/wecom-app/callback-client.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { tableSnapshot } from './table-snapshot.js';

/** Issue 16 item 6: properly signed callbacks whose fields pass their columns. */
describe('WeCom app callback fields longer than their columns', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp({ env: wecomEnv() });
  });
  afterAll(async () => {
    await app.stop();
  });

  const post = (plainXml: string) => {
    const request = encryptedCallback(plainXml, { now: app.clock.now() });
    return fetch(`${app.baseUrl}/wecom/callback?${request.query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: request.body,
    });
  };
  const withMsgId = (xml: string, msgId: string) =>
    xml.replace(/<MsgId>\d+<\/MsgId>/, `<MsgId>${msgId}</MsgId>`);

  it('refuses FromUserName > 128, MsgId > 191, TaskId > 128 and EventKey > 1024 with 400, recording nothing', async () => {
    const now = app.clock.now();
    const before = await tableSnapshot(app.orm);
    const forged = [
      inbound.text('u'.repeat(129), '帮助', now),
      withMsgId(inbound.text('zhangwei', '帮助', now), '9'.repeat(192)),
      inbound.click('zhangwei', 'k', 't'.repeat(129), 'rc', now),
      inbound.click('zhangwei', 'k'.repeat(1025), 'task-1', 'rc', now),
      inbound.scan('zhangwei'.repeat(17), 'WO-DEMO-001', now),
    ];
    for (const xml of forged) {
      const res = await post(xml);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe('');
    }
    expect(await tableSnapshot(app.orm)).toEqual(before);
  });

  it('takes ids at their limits; a click whose TaskId and key together pass 191 is deduplicated by digest', async () => {
    const now = app.clock.now();
    expect((await post(inbound.text('u'.repeat(128), '帮助', now))).status).toBe(200);
    expect((await post(withMsgId(inbound.text('zhangwei', '帮助', now), '9'.repeat(191)))).status).toBe(200);

    const click = inbound.click('zhangwei', 'k'.repeat(1024), 't'.repeat(128), 'rc', now);
    expect((await post(click)).status).toBe(200);
    expect((await post(click)).status).toBe(200);
    const clicks = await app.orm.em.fork().find(InboundRecord, { kind: 'card_action' });
    expect(clicks.map((c) => c.platformMessageId)).toEqual([expect.stringMatching(/^sha256:[0-9a-f]{64}$/)]);
  });

  it('a 501-character 异常 reason is answered with the limit, and the redelivery gets the same answer', async () => {
    const xml = inbound.text('zhangwei', `异常 WO-DEMO-001 ${'断'.repeat(501)}`, app.clock.now());
    const answers: unknown[] = [];
    for (let delivery = 0; delivery < 2; delivery++) {
      const res = await post(xml);
      expect(res.status).toBe(200);
      answers.push(openReply(await res.text()).Content);
    }
    expect(answers).toEqual([
      '原因最多 500 字（现在 501 字），请精简后重新发送。',
      '原因最多 500 字（现在 501 字），请精简后重新发送。',
    ]);
  });
});
