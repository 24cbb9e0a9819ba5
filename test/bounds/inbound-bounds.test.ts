import type { DWClientDownStream } from 'dingtalk-stream';
import { describe, expect, it, vi } from 'vitest';
import { CardInbound, type CardInboundDeps } from '../../src/channels/dingtalk/card-inbound.js';
import { RobotInbound, type RobotInboundDeps } from '../../src/channels/dingtalk/robot-inbound.js';
import { mapBotCardClick, mapBotEnter, mapBotMessage } from '../../src/channels/wecom-bot/inbound-mapping.js';
import { OversizedInboundError } from '../../src/chat/inbound-bounds.js';
import { ManualClock } from '../../src/shared/clock.js';

const frame = (data: unknown, messageId = 'frame-1') =>
  ({ data: JSON.stringify(data), headers: { messageId } }) as unknown as DWClientDownStream;

/** The long-connection channels refuse over-long ids before the engine records anything. */
describe('inbound ids longer than their columns on the WeCom bot and DingTalk', () => {
  const at = new Date('2026-11-24T02:00:00Z');
  const botBody = (userid: string, msgid = 'm-1') =>
    ({ msgid, chattype: 'single', from: { userid }, msgtype: 'text', text: { content: '帮助' } }) as const;

  it('WeCom bot: messages, enter events and card clicks with a 129-character userid or 192-character msgid throw', () => {
    for (const body of [botBody('u'.repeat(129)), botBody('zhangwei', 'm'.repeat(192))]) {
      expect(() => mapBotMessage(body, at)).toThrow(OversizedInboundError);
      expect(() => mapBotEnter(body, at)).toThrow(OversizedInboundError);
      expect(() => mapBotCardClick(body, at)).toThrow(OversizedInboundError);
    }
    expect(() =>
      mapBotMessage({ ...botBody('zhangwei'), chattype: 'group', chatid: 'c'.repeat(129) }, at),
    ).toThrow(/chat id of 129 characters/);
    expect(mapBotMessage(botBody('u'.repeat(128), 'm'.repeat(191)), at)).toMatchObject({ kind: 'text' });
  });

  it('DingTalk robot: a 129-character staffId or 192-character msgId is acknowledged, logged and never handled', async () => {
    const handle = vi.fn();
    const warn = vi.fn();
    const robot = new RobotInbound({
      handle,
      sessions: { remember: vi.fn() },
      clock: new ManualClock(at),
      logger: { warn },
      robotCode: 'robot',
    } as unknown as RobotInboundDeps);
    const message = { msgtype: 'text', text: { content: '帮助' }, conversationType: '1' };
    for (const data of [
      { ...message, senderStaffId: 's'.repeat(129), msgId: 'm-1' },
      { ...message, senderStaffId: 'zhangwei', msgId: 'm'.repeat(192) },
    ]) {
      expect(await robot.receive(frame(data))).toEqual({ response: null });
    }
    expect(handle).not.toHaveBeenCalled();
    expect(warn.mock.calls.map(([fields]) => (fields as { problem: string }).problem)).toEqual([
      'sender id of 129 characters (at most 128)',
      'message id of 192 characters (at most 191)',
    ]);
  });

  it('DingTalk card: a tap from a 129-character userId is acknowledged, logged and never handled', async () => {
    const handle = vi.fn();
    const warn = vi.fn();
    const em = { findOne: vi.fn().mockResolvedValue(null), find: vi.fn().mockResolvedValue([]) };
    const cards = new CardInbound({
      handle,
      orm: { em: { fork: () => em } },
      clock: new ManualClock(at),
      logger: { warn },
      acknowledged: { note: vi.fn() },
    } as unknown as CardInboundDeps);
    const tap = {
      outTrackId: 'track-1',
      userId: 'u'.repeat(129),
      value: JSON.stringify({ cardPrivateData: { params: { actionKey: 'x:1' } } }),
    };
    expect(await cards.receive(frame(tap))).toEqual({ response: null });
    expect(handle).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ problem: expect.stringMatching(/sender id of 129/) }),
      expect.any(String),
    );
  });
});
