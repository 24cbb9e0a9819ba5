import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const shown = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'card' ? `card: ${r.card.title}` : r.kind === 'text' ? r.text : r.kind));

/**
 * A printed code scanned outside the WeCom scan menu: DingTalk's scanner and a phone camera
 * open the link it holds. The link's page says what to send and shows nothing of the order;
 * the link shared into the chat is the scan itself.
 */
describe('the links printed codes hold', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(() => app.stop());

  it('opens a page that says what to send for the operation, without the order’s content', async () => {
    const res = await fetch(`${app.baseUrl}/wo/WO-DEMO-003/10`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const body = await res.text();
    expect(body).toContain('<div class="code">工单 WO-DEMO-003 工序10</div>');
    expect(body).toContain('<code class="say">开工 WO-DEMO-003 工序10</code>');
    expect(body).toContain('<code class="say">完工 WO-DEMO-003 工序10</code>');
    // The demo order is 法兰盘 for 华东机械, made by 张伟: none of it is on a page anyone can open.
    for (const secret of ['法兰盘', '华东机械', '张伟', 'FLG-300']) expect(body).not.toContain(secret);
    expect((await fetch(`${app.baseUrl}/wo/WO-DEMO-003/x`)).status).toBe(404);
    expect(await (await fetch(`${app.baseUrl}/lot/L2611-B45-02`)).text()).toContain(
      '<code class="say">领料 &lt;工单号&gt; L2611-B45-02 &lt;数量&gt;</code>',
    );
  });

  it('takes the link sent into the chat as the scan: the operation’s card, or the lot’s answer', async () => {
    const base = app.settings.publicUrl;
    expect(shown(await app.as('zhangwei').say(`${base}/wo/WO-DEMO-003/10`))).toEqual([
      'card: WO-DEMO-003 · 10 车削',
    ]);
    const [lot] = shown(await app.as('zhangwei').say(`${base}/lot/L2611-B45-02`));
    expect(lot).toMatch(/^批次 L2611-B45-02：.*\n领料请发：领料 <工单> L2611-B45-02 <数量>$/);
    // Only links under the bot's own address are codes it printed.
    const [foreign] = shown(await app.as('zhangwei').say('https://example.com/wo/WO-DEMO-003/10'));
    expect(foreign).not.toMatch(/^card:/);
  });

  it('lets the link end an open question, as a new command does', async () => {
    const base = app.settings.publicUrl;
    const zhangwei = app.as('zhangwei');
    expect(shown(await zhangwei.say('完工 WO-DEMO-001'))[0]).toMatch(/完工多少件？/);
    expect(shown(await zhangwei.say(`${base}/wo/WO-DEMO-003/10`))).toEqual(['card: WO-DEMO-003 · 10 车削']);
    const [after] = shown(await zhangwei.say('5'));
    expect(after).not.toMatch(/^已报工/);
  });
});
