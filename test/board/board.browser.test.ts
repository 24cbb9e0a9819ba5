import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

/** Debian's chromium; CI installs it (.ci/run), so only a developer's machine may lack it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing on CI: .ci/run installs it with apt-get install -y chromium`);
}
const SHOTS = process.env.SCREENSHOT_DIR ?? join(process.cwd(), 'test-output');

const textOf = (reply: { kind: string; text?: string } | undefined) =>
  reply && 'text' in reply ? (reply.text ?? '') : '';

interface Layout {
  docWidth: number;
  docHeight: number;
  width: number;
  height: number;
  blocks: Array<{
    id: string;
    left: number;
    top: number;
    right: number;
    bottom: number;
    scrollH: number;
    clientH: number;
  }>;
  /** Elements drawn outside their panel. */
  escaped: string[];
  /** Pairs of neighbours in one row drawn over each other. */
  overlapping: string[];
}

/** Measured in the page (a string: the test is compiled without the DOM's types). */
const measure = `(() => {
  const rect = (e) => e.getBoundingClientRect();
  const name = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + ' ' + (e.textContent || '').trim().slice(0, 30);
  const blocks = [...document.querySelectorAll('header, main > section')].map((e) => {
    const r = rect(e);
    return { id: e.id || e.tagName.toLowerCase(), left: r.left, top: r.top, right: r.right, bottom: r.bottom, scrollH: e.scrollHeight, clientH: e.clientHeight };
  });
  const escaped = [];
  for (const section of document.querySelectorAll('main > section')) {
    const s = rect(section);
    for (const el of section.querySelectorAll('*')) {
      const r = rect(el);
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < s.left - 0.5 || r.right > s.right + 0.5 || r.top < s.top - 0.5 || r.bottom > s.bottom + 0.5) escaped.push(name(el));
    }
  }
  const overlapping = [];
  for (const row of document.querySelectorAll('li, .line, .kpi, .tiles, header, .status')) {
    const kids = [...row.children].map((k) => [k, rect(k)]).filter(([, r]) => r.width > 0);
    for (let i = 0; i < kids.length; i++)
      for (let j = i + 1; j < kids.length; j++) {
        const [a, ra] = kids[i];
        const [b, rb] = kids[j];
        const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (x > 0.5 && y > 0.5) overlapping.push(name(a) + ' × ' + name(b));
      }
  }
  return {
    docWidth: document.documentElement.scrollWidth,
    docHeight: document.documentElement.scrollHeight,
    width: window.innerWidth,
    height: window.innerHeight,
    blocks,
    escaped,
    overlapping,
  };
})()`;

function expectTidy(layout: Layout): void {
  expect(layout.docWidth).toBeLessThanOrEqual(layout.width);
  expect(layout.docHeight).toBeLessThanOrEqual(layout.height);
  expect(layout.blocks.map((b) => b.id)).toEqual([
    'header',
    'lines',
    'at-risk',
    'machines',
    'open',
    'outsourcing',
    'kpi',
  ]);
  for (const b of layout.blocks) {
    expect(b.left, b.id).toBeGreaterThanOrEqual(0);
    expect(b.top, b.id).toBeGreaterThanOrEqual(0);
    expect(b.right, b.id).toBeLessThanOrEqual(layout.width + 0.5);
    expect(b.bottom, b.id).toBeLessThanOrEqual(layout.height + 0.5);
    expect(b.scrollH, `${b.id} scrolls`).toBeLessThanOrEqual(b.clientH);
  }
  for (const [i, a] of layout.blocks.entries())
    for (const b of layout.blocks.slice(i + 1)) {
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      expect(x > 0.5 && y > 0.5, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  expect(layout.escaped).toEqual([]);
  expect(layout.overlapping).toEqual([]);
}

describe.skipIf(!haveChromium)(
  `the control-room board in headless Chromium${haveChromium ? '' : ` (SKIPPED: no browser at ${CHROMIUM})`}`,
  () => {
    let app: DemoApp;
    let browser: Browser;
    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      app = await startDemoApp();
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
    });
    afterAll(async () => {
      await browser?.close();
      await app?.stop();
    });

    const good = (page: Page, team: string) =>
      page
        .locator(`[data-team="${team}"] [data-good]`)
        .textContent()
        .then((t) => Number(t));

    it('given 李建国’s 大屏 link on a 1920×1080 screen, a report 张伟 makes in the console shows within 5 s without a reload, and a 停机 too', async () => {
      const [reply] = await app.as('lijianguo').say('大屏');
      const path = /\/board\?token=[A-Za-z0-9_-]+/.exec(textOf(reply))?.[0] ?? '';
      expect(textOf(reply)).toMatch(/^车间大屏链接（2027-11-24 10:00 前有效/);
      // A long reason must be cut, not push the panel wider.
      await app.as('zhangwei').say(`异常 WO-DEMO-003 ${'刀具磨损严重需要更换并重新对刀校准'.repeat(4)}`);

      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}${path}`);
      await page.waitForFunction('document.getElementById("live").classList.contains("off") === false');
      await page.evaluate('window.__notReloaded = true');
      const before = await good(page, 'cnc');
      const stoppedBefore = Number(await page.locator('[data-state="stopped"] b').textContent());
      expect(await page.locator('h1').textContent()).toBe('示例五金厂 · 生产大屏');

      const [answer] = await app.as('zhangwei').say('完工 WO-DEMO-003 5');
      expect(textOf(answer)).toMatch(/^已报工/);
      const reported = Date.now();
      await page.waitForFunction(
        `Number(document.querySelector('[data-team="cnc"] [data-good]').textContent) === ${before + 5}`,
        undefined,
        { timeout: 5000 },
      );
      const pushedMs = Date.now() - reported;
      expect(pushedMs).toBeLessThan(5000);

      // No domain event for a 停机: the board's own re-reading finds it, as it finds a report
      // made in another process.
      await app.as('zhangwei').say('停机 PRESS-01 换模');
      await page.waitForFunction(
        `Number(document.querySelector('[data-state="stopped"] b').textContent) === ${stoppedBefore + 1}`,
        undefined,
        { timeout: 5000 },
      );
      expect(await page.locator('[data-machine="PRESS-01"] .tag').textContent()).toBe('停机');
      expect(await page.evaluate('window.__notReloaded')).toBe(true);
      console.log(`board: report on screen ${pushedMs} ms after the console's answer`);

      expectTidy((await page.evaluate(measure)) as Layout);
      await page.screenshot({ path: join(SHOTS, 'board-1920x1080.png') });
      await page.setViewportSize({ width: 1280, height: 720 });
      expectTidy((await page.evaluate(measure)) as Layout);
      await page.screenshot({ path: join(SHOTS, 'board-1280x720.png') });
      await context.close();
    });

    it('refuses a made-up token, for the page and for its events', async () => {
      const pageResponse = await fetch(`${app.baseUrl}/board?token=nope`);
      expect(pageResponse.status).toBe(403);
      expect(await pageResponse.text()).toContain('大屏链接无效或已过期');
      const events = await fetch(`${app.baseUrl}/board/events?token=nope`);
      expect(events.status).toBe(403);
    });
  },
);
