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
