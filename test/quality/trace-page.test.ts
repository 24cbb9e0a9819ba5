import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { DownloadLink } from '../../src/http/downloads/download-link.entity.js';
import { escapeHtml } from '../../src/shared/html.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));
const LINK = /^打印或转发给客户：(\S+)（24 小时内有效）$/;

/**
 * The trace as a page: QC forwards a complaint's answer to the customer or prints it for the
 * 8D report. The page says exactly what 追溯 answered in chat, behind a link that runs out.
 */
describe('the printable trace page', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(() => app.stop());

  const open = (url: string) => fetch(url.replace(/^https?:\/\/[^/]+/, app.baseUrl));
  const links = () => app.orm.em.fork().count(DownloadLink, { kind: 'trace' });

  it('gives every trace a link to a page with the same words, until the link runs out', async () => {
    const [answer, offer, ...rest] = texts(await app.as('zhouqiang').say('追溯 WO-DEMO-001'));
    expect(rest).toEqual([]);
    expect(answer).toMatch(/^工单 WO-DEMO-001：传动轴 × 120/);
    const url = LINK.exec(offer ?? '')?.[1];
    expect(url).toMatch(new RegExp(`^${app.settings.publicUrl}/downloads/trace/[\\w-]{20,}$`));

    const res = await open(url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const body = await res.text();
    expect(body).toContain('<h1>示例五金厂 · WO-DEMO-001 追溯报告</h1>');
    expect(body).toContain(`<div class="trace">${escapeHtml(answer!)}</div>`);

    app.clock.advance(24 * 3_600_000 + 1000);
    const gone = await open(url!);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toBe('这个追溯链接已过期或无效，请在聊天中重新发送「追溯 编号」。');
  });

  it('traces a material lot forward on the page too, with its own kind kept in the link', async () => {
    const [answer, offer] = texts(await app.as('zhouqiang').say('追溯 物料批次 L2611-B45-01'));
    expect(answer).toMatch(/^批次 L2611-B45-01：/);
    const body = await (await open(LINK.exec(offer ?? '')![1]!)).text();
    expect(body).toContain(`<div class="trace">${escapeHtml(answer!)}</div>`);
    expect(await open(`${app.baseUrl}/downloads/trace/not-a-token`).then((r) => r.status)).toBe(410);
  });

  it('offers no link when it finds nothing or is refused', async () => {
    const before = await links();
    expect(texts(await app.as('zhouqiang').say('追溯 WO-NONE-404'))).toEqual([
      '没有找到批次、工单或序列号「WO-NONE-404」。请检查编号。',
    ]);
    const [refused, ...more] = texts(await app.as('zhangwei').say('追溯 WO-DEMO-001'));
    expect(refused).not.toMatch(/^工单/);
    expect(more).toEqual([]);
    expect(await links()).toBe(before);
  });
});
