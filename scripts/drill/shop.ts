import { inbound, WECOM } from '../../test/channels/wecom-app/callback-client.js';
import type { DrillWorld } from './world.js';

/** The demo shop's leads and supervisor: they may report on any dispatched task. */
export const REPORTERS = ['lijianguo', 'wangfang', 'zhoumin', 'zhuhong'];

/** WeCom's MsgId of a text callback's plaintext: the key a report is traced back by. */
export function msgIdOf(xml: string): string {
  const id = /<MsgId>(\d+)<\/MsgId>/.exec(xml)?.[1];
  if (!id) throw new Error('no MsgId in the callback');
  return id;
}

/** A menu click (protocols/wecom.md §4: Event click with the menu key). */
export function menuClickXml(from: string, key: string, now = new Date()): string {
  return `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime><AgentID>${WECOM.agentId}</AgentID><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[click]]></Event><EventKey><![CDATA[${key}]]></EventKey></xml>`;
}

/**
 * A work order big enough for thousands of one-piece reports, released and its first
 * operation dispatched, created the way a supervisor would in chat.
 */
export async function openBigOrder(world: DrillWorld, quantity: number): Promise<string> {
  const created = await world.say(
    'lijianguo',
    inbound.text('lijianguo', `新建工单 FLG-300 ${quantity} 12-31`),
  );
  const number = /WO-[0-9A-Za-z-]+/.exec(created.reply)?.[0];
  if (!number) throw new Error(`新建工单 was answered "${created.reply}"`);
  await expectReply(world, 'lijianguo', `下达 ${number}`, /下达/);
  await expectReply(world, 'lijianguo', `派工 ${number} 工序10 @张伟`, /已派工/);
  return number;
}

async function expectReply(world: DrillWorld, from: string, text: string, expected: RegExp): Promise<void> {
  const { reply } = await world.say(from, inbound.text(from, text));
  if (!expected.test(reply)) throw new Error(`"${text}" was answered "${reply}"`);
}

/** MsgId → work reports stored for it, through the inbound event each report names. */
export async function reportsPerMsgId(world: DrillWorld): Promise<Map<string, number>> {
  const rows = await world.query<{ id: string; n: number }>(
    `select e.platform_message_id as id, count(r.id) as n
       from work_reports r join inbound_events e on e.id = r.inbound_event_id
      group by e.platform_message_id`,
  );
  return new Map(rows.map((r) => [String(r.id), Number(r.n)]));
}
