import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutsourcingPhoto } from '../../src/outsourcing/photo.entity.js';
import { formatDateTime } from '../../src/shared/display.js';
import { inZone } from '../../src/shared/time.js';
import { JPEG, outsourcingYaml, startWorld, texts, textOf, type World } from './world.js';

/** Debian's chromium; CI installs it (.ci/run), so only a developer's machine may lack it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing on CI: .ci/run installs it with apt-get install -y chromium`);
}

describe.skipIf(!haveChromium)(
  `the partner page in headless Chromium${haveChromium ? '' : ` (SKIPPED: no browser at ${CHROMIUM}; apt-get install -y chromium)`}`,
  () => {
    let world: World;
    let browser: Browser;
    let photoDir: string;
    beforeAll(async () => {
      photoDir = mkdtempSync(join(tmpdir(), 'sfb-photos-'));
      world = await startWorld({ factory: `${outsourcingYaml}media: { dir: '${photoDir}' }\n` });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });
    afterAll(async () => {
      await browser?.close();
      await world?.stop();
      rmSync(photoDir, { recursive: true, force: true });
    });

    /** 精磨抛光's link, opened on a phone-sized screen, and the card of order `number` on it. */
    const openOnPhone = async (number: string) => {
      const [reply] = texts(await world.as('sunli').say('外协链接 精磨抛光'));
      const path = /\/p\/[A-Za-z0-9_-]+/.exec(reply ?? '')?.[0] ?? '';
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      await page.goto(`${world.baseUrl}${path}`);
      return { path, context, page, card: page.locator(`[data-order="${number}"]`) };
    };

    it('on a phone-sized screen: open the link, send back part then the rest with a photo, the coordinator is told in chat', async () => {
      const number = await world.order({ partnerCode: 'P-POLISH', quantity: 300 });
      await world.as('sunli').say(`外发 ${number} 加工中`);
      const { path, context, page, card } = await openOnPhone(number);
      expect((await card.locator('.state').textContent())?.trim()).toBe('加工中');
      // A string, evaluated in the page: the test is compiled without the DOM's types.
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // The partner is asked how many pieces go back, not which state the factory calls it.
      expect(await card.getByRole('button', { name: '改为「待质检」' }).count()).toBe(0);
      const button = card.getByRole('button', { name: '确认发回' });
      const box = await button.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
      const quantity = card.getByLabel('发回多少件');
      expect(await quantity.inputValue()).toBe('300');

      const shots = process.env.SCREENSHOT_DIR;
      if (shots) await page.screenshot({ path: join(shots, 'partner-page.png'), fullPage: true });
      await quantity.fill('120');
      await Promise.all([page.waitForURL(`**${path}?done=${number}&sent=120`), button.tap()]);
      expect((await page.getByRole('status').textContent())?.trim()).toBe(
        `已登记：${number} 发回 120 件，还差 180 件。`,
      );
      const still = page.locator(`[data-order="${number}"]`);
      expect((await still.locator('.sent').textContent())?.trim()).toBe('已发回 120/300 件');
      expect(await still.getByLabel('发回多少件').inputValue()).toBe('180');
      if (shots) await page.screenshot({ path: join(shots, 'partner-page-part.png'), fullPage: true });

      await still.locator('input[type=file]').setInputFiles({
        name: 'IMG_0001.jpg',
        mimeType: 'image/jpeg',
        buffer: Buffer.from(JPEG),
      });
      await Promise.all([
        page.waitForURL(`**${path}?done=${number}&sent=180`),
        still.getByRole('button', { name: '确认发回' }).tap(),
      ]);
      expect((await page.getByRole('status').textContent())?.trim()).toBe(
        `已登记：${number} 发回 180 件，已全部发回。`,
      );
      // Back at the factory: the partner has nothing left to do with this order.
      expect(await page.locator(`[data-order="${number}"]`).count()).toBe(0);
      if (shots) await page.screenshot({ path: join(shots, 'partner-page-after.png') });
      await context.close();

      expect(await world.load(number)).toMatchObject({ state: 'inspecting', returnedQuantity: 300 });
      expect(await world.orm.em.fork().count(OutsourcingPhoto, { order: { number } })).toBe(1);
      await world.chat.dispatcher.drainOnce();
      // The photo's line links it (signed, expiring: test/outsourcing/pages.test.ts opens it).
      expect(
        world.console.deliveredTo('sunli').map((c) => textOf(c).replace(/\/downloads\/media\/\S+/, '/…')),
      ).toEqual(
        expect.arrayContaining([
          `🚚 王老板（精磨抛光） 发回外发单 ${number} 120 件，累计 120/300，还差 180 件。`,
          `🚚 王老板（精磨抛光） 发回外发单 ${number} 180 件，累计 300/300，已全部发回，状态改为「待质检」，附照片 1 张。` +
            '\n📷 照片：http://localhost:3000/…',
        ]),
      );
    });

    it('on a phone-sized screen: a partner opens 改预计回厂时间, picks a new time and gives a reason', async () => {
      const number = await world.order({ partnerCode: 'P-POLISH', quantity: 50 });
      const { path, context, page, card } = await openOnPhone(number);
      const when = card.getByLabel('新的回厂时间');
      // Folded away until asked for: the state buttons are what most visits need.
      expect(await when.isVisible()).toBe(false);
      await card.getByText('会晚到或提前？改预计回厂时间').tap();
      expect(await when.isVisible()).toBe(true);
      const before = (await world.load(number)).expectedReturnAt;
      const later = new Date(before.getTime() + 86_400_000);
      await when.fill(inZone(later, 'Asia/Shanghai').format('YYYY-MM-DDTHH:mm'));
      await card.getByLabel('原因（可选，跟单会看到）').fill('抛光机维修');
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
      ).toBeLessThanOrEqual(0);
      const shots = process.env.SCREENSHOT_DIR;
      if (shots) await page.screenshot({ path: join(shots, 'partner-page-reschedule.png'), fullPage: true });
      await Promise.all([
        page.waitForURL(`**${path}?rescheduled=${number}`),
        card.getByRole('button', { name: '确认修改回厂时间' }).tap(),
      ]);
      expect((await page.getByRole('status').textContent())?.trim()).toBe(
        `已改：${number} 预计 ${formatDateTime(later, world.clock.now(), 'Asia/Shanghai')} 回厂，已通知我们的跟单。`,
      );
      await context.close();
      expect((await world.load(number)).expectedReturnAt).toEqual(later);
    });
  },
);
