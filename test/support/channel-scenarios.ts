import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import type { DemoApp } from './demo-app.js';
import { lastReportLabel } from './reports.js';

/** What a person sees in their chat, whatever the platform drew it with. */
export type Seen = { text: string } | { card: { title: string; buttons: string[] } };

/**
 * Drives one channel end to end as a person would: through the platform's own entry point
 * (an HTTP callback, a Stream frame, a WebSocket push) and reading what the platform received.
 */
export interface ChannelDriver {
  /** Sends text in the person's one-to-one chat with the bot. */
  say(personId: string, text: string): Promise<Seen[]>;
  /** Taps the button with this text on the last card the person saw. */
  tap(personId: string, buttonText: string): Promise<Seen[]>;
  /** Delivers the last inbound message again, as the platform does when it retries. */
  redeliverLast(): Promise<Seen[]>;
}

export interface ChannelUnderTest {
  app: DemoApp;
  driver: ChannelDriver;
  stop(): Promise<void>;
}

const texts = (seen: Seen[]) => seen.flatMap((s) => ('text' in s ? [s.text] : []));
const cards = (seen: Seen[]) => seen.flatMap((s) => ('card' in s ? [s.card] : []));

/**
 * The one story every channel must tell the same way (STYLE.md: one suite for every backend).
 * It runs on the seeded demo shop: 张伟 is a CNC worker, 王芳 his team lead.
 */
export function channelScenarios(name: string, start: () => Promise<ChannelUnderTest>): void {
  describe(`${name}: the shared chat scenarios`, () => {
    let channel: ChannelUnderTest;
    beforeAll(async () => {
      channel = await start();
    });
    afterAll(async () => {
      await channel.stop();
    });
    const reports = () =>
      channel.app.orm.em.fork().count(WorkReport, { task: { workOrder: { number: 'WO-DEMO-001' } } });

    it('帮助 lists what a worker may use, and not what a lead may', async () => {
      const [help] = texts(await channel.driver.say('zhangwei', '帮助'));
      expect(help).toContain('完工');
      expect(help).not.toContain('派工');
    });

    it('我的任务 shows the worker’s task cards with their buttons', async () => {
      const shown = cards(await channel.driver.say('zhangwei', '我的任务'));
      expect(shown.map((c) => c.title)).toEqual([
        'WO-DEMO-003 · 10 车削',
        'WO-DEMO-001 · 10 车削',
        'WO-DEMO-005 · 10 车削',
      ]);
      expect(shown[1]?.buttons).toEqual(['完工 38 件', '其他数量']);
    });

    it('an over-report is refused with the numbers and changes nothing', async () => {
      const before = await reports();
      expect(texts(await channel.driver.say('zhangwei', '完工 WO-DEMO-001 500'))).toEqual([
        '报工数量超出：「车削」还剩 38 件可报，您报了 500 件（最多允许 39 件）。请核对后重新报工。',
      ]);
      expect(await reports()).toBe(before);
    });

    it('完工 in Chinese numerals is reported once, even when the platform delivers it again', async () => {
      const before = await reports();
      const first = texts(await channel.driver.say('zhangwei', '完工 WO-DEMO-001 十'));
      expect(first).toEqual([
        `已报工（报工号 ${await lastReportLabel(channel.app.orm)}）：WO-DEMO-001「车削」合格 10 件。还剩 28 件。`,
      ]);
      const again = texts(await channel.driver.redeliverLast());
      expect(again.filter((t) => t.startsWith('已报工'))).toEqual(again.length > 0 ? first : []);
      expect(await reports()).toBe(before + 1);
    });

    it('one tap on the task card reports the remaining quantity', async () => {
      await channel.driver.say('zhangwei', '我的任务');
      const replies = texts(await channel.driver.tap('zhangwei', '完工 28 件'));
      expect(replies).toContain(
        `已报工（报工号 ${await lastReportLabel(channel.app.orm)}）：WO-DEMO-001「车削」合格 28 件。本工序已完成。`,
      );
    });
  });
}
