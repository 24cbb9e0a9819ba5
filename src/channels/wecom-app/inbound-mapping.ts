import { compositeMessageId, inboundBoundsProblem, overLimit } from '../../chat/inbound-bounds.js';
import type { InboundEvent } from '../../chat/inbound-event.js';
import { MAX_CARD_TASK_ID, MAX_EVENT_KEY } from '../../shared/bounds/limits.js';
import { MalformedXmlError, text, type XmlNode } from './callback-xml.js';

export interface MappedInbound {
  event: InboundEvent;
  /** For card clicks: the code that lets us update the clicker's card once (§6.3). */
  responseCode?: string;
  taskId?: string;
}

/**
 * A decrypted callback as a channel-neutral event, or undefined for kinds the bot ignores
 * (subscribe, location, view …). A field longer than WeCom ever sends (§6.3: TaskId ≤ 128
 * bytes, button key ≤ 1024) or than its column is malformed: refused like broken XML, with a
 * log line and a 400, before anything touches the database.
 */
export function mapInbound(xml: XmlNode, receivedAt: Date): MappedInbound | undefined {
  const mapped = mapFields(xml, receivedAt);
  if (!mapped) return undefined;
  const problem =
    overLimit('TaskId', mapped.taskId ?? '', MAX_CARD_TASK_ID) ??
    overLimit('EventKey', text(xml, 'EventKey') ?? '', MAX_EVENT_KEY) ??
    inboundBoundsProblem(mapped.event);
  if (problem !== undefined) throw new MalformedXmlError(problem);
  return mapped;
}

/**
 * The dedupe key is MsgId for messages and, for events, FromUserName + CreateTime (+ TaskId +
 * EventKey for card clicks), per §3.5; digested when together they pass the column.
 */
function mapFields(xml: XmlNode, receivedAt: Date): MappedInbound | undefined {
  const from = text(xml, 'FromUserName') ?? '';
  const created = text(xml, 'CreateTime') ?? '';
  const type = text(xml, 'MsgType');
  const base = {
    channel: 'wecom-app' as const,
    senderId: from,
    conversation: { kind: 'direct' as const },
    receivedAt,
  };
  if (type === 'text') {
    return {
      event: {
        ...base,
        platformMessageId: text(xml, 'MsgId') ?? `${from}:${created}`,
        kind: 'text',
        text: text(xml, 'Content') ?? '',
      },
    };
  }
  if (type === 'image') {
    return {
      event: {
        ...base,
        platformMessageId: text(xml, 'MsgId') ?? `${from}:${created}`,
        kind: 'image',
        mediaId: text(xml, 'MediaId') ?? '',
      },
    };
  }
  if (type !== 'event') return undefined;
  const eventType = text(xml, 'Event');
  const key = text(xml, 'EventKey') ?? '';
  const eventId = (...more: string[]) => compositeMessageId([from, created, eventType ?? '', ...more]);
  switch (eventType) {
    case 'enter_agent':
      return { event: { ...base, platformMessageId: eventId(), kind: 'enter' } };
    case 'click':
      return { event: { ...base, platformMessageId: eventId(key), kind: 'menu_click', menuKey: key } };
    case 'scancode_waitmsg':
    case 'scancode_push': {
      const info = xml.ScanCodeInfo as XmlNode | undefined;
      const scanned = info ? (text(info, 'ScanResult') ?? '') : '';
      return {
        event: { ...base, platformMessageId: eventId(key), kind: 'scan', scannedText: scanned },
      };
    }
    case 'template_card_event': {
      const taskId = text(xml, 'TaskId') ?? '';
      const responseCode = text(xml, 'ResponseCode');
      return {
        event: {
          ...base,
          platformMessageId: eventId(taskId, key),
          kind: 'card_action',
          actionKey: key,
          selections: selectionsOf(xml),
        },
        ...(responseCode ? { responseCode } : {}),
        taskId,
      };
    }
    default:
      return undefined;
  }
}

function selectionsOf(xml: XmlNode): Record<string, string[]> {
  const items = (xml.SelectedItems as XmlNode | undefined)?.SelectedItem;
  if (!Array.isArray(items)) return {};
  const selections: Record<string, string[]> = {};
  for (const item of items as XmlNode[]) {
    const question = text(item, 'QuestionKey');
    const ids = (item.OptionIds as XmlNode | undefined)?.OptionId;
    if (question) selections[question] = Array.isArray(ids) ? (ids as string[]).map(String) : [];
  }
  return selections;
}
