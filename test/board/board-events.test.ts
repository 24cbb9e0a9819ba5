import { describe, expect, it } from 'vitest';
import { startDemoApp } from '../support/demo-app.js';

describe('the board’s live feed', () => {
  it('sends the panels at once, and an open screen does not hold up a shutdown', async () => {
    const app = await startDemoApp();
    const [reply] = await app.as('zhengli').say('大屏');
    const token = /token=([A-Za-z0-9_-]+)/.exec(reply?.kind === 'text' ? reply.text : '')?.[1] ?? '';
    // The page says once when it was drawn, as each live update then does (it once read 10:24:10 更新 更新).
    const page = await (await fetch(`${app.baseUrl}/board?token=${token}`)).text();
    expect(page).toMatch(/<span id="at">\d\d-\d\d \d\d:\d\d:\d\d 更新<\/span>/);
    const response = await fetch(`${app.baseUrl}/board/events?token=${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    let received = '';
    while (!received.includes('event: board'))
      received += new TextDecoder().decode((await reader.read()).value);
    expect(received).toMatch(/^retry: 1000\n\n/);
    expect(received).toContain('data-team=\\"cnc\\"');

    const started = Date.now();
    await app.close();
    // The stream ends at the board's next look (every 2 s), well inside the 10 s shutdown deadline.
    expect(Date.now() - started).toBeLessThan(6000);
    await app.db.drop();
    // The stream ended with the server rather than being cut off mid-event.
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
  });
});

describe('the board’s late orders', () => {
  it('come soonest due first, each with when it will finish and why on a line of its own', async () => {
    const app = await startDemoApp();
    try {
      const chenjing = app.as('chenjing');
      const [created] = await chenjing.say('新建工单 SHF-200 900 11-26');
      const number = /WO-\d+-\d+/.exec(created?.kind === 'text' ? created.text : '')?.[0] ?? '';
      await chenjing.say(`下达 ${number}`);
      const [reply] = await app.as('zhengli').say('大屏');
      const token = /token=([A-Za-z0-9_-]+)/.exec(reply?.kind === 'text' ? reply.text : '')?.[1] ?? '';
      const page = await (await fetch(`${app.baseUrl}/board?token=${token}`)).text();
      const panel = page.slice(page.indexOf('data-panel="at-risk"'), page.indexOf('data-panel="machines"'));
      // By number the new order (WO-2026…) would come before WO-DEMO-004, which is already late;
      // the orders it pushes late are due after it.
      const orders = [...panel.matchAll(/data-order="([^"]+)"/g)].map((m) => m[1]);
      expect(orders.slice(0, 2)).toEqual(['WO-DEMO-004', number]);
      const dues = [...panel.matchAll(/<span class="age">交期 ([\d-]+)<\/span>/g)].map((m) => m[1]);
      expect(dues).toEqual([...dues].sort());
      const whys = [...panel.matchAll(/<span class="why dim"\s*>([^<]*)<\/span/g)].map((m) => m[1]);
      expect(whys[0]).toBe('预计 11-24 完工 · 已过交期 1 天，剩余约 3 小时工时');
      expect(whys[1]).toMatch(/^预计 \d\d-\d\d 完工 · /);
    } finally {
      await app.close();
      await app.db.drop();
    }
  });
});
