import type { RawData } from 'ws';
import { fixtureJson } from '../../support/fixtures.js';
import { isRecord } from './http-kit.js';
import type { AckRecord, DownstreamFrame, FrameType, Subscription } from './types.js';

/** §2.1 callback topics. */
export const TOPIC_ROBOT_MESSAGE = '/v1.0/im/bot/messages/get';
export const TOPIC_CARD_CALLBACK = '/v1.0/card/instances/callback';

/** A CALLBACK frame recorded in test/fixtures/dingtalk (§2.3). */
export function recordedFrame(file: string): DownstreamFrame {
  return fixtureJson<DownstreamFrame>(`dingtalk/${file}`);
}

/** §2.3: `data` is a JSON string, so the recorded payload is parsed a second time. */
export function recordedData<T>(file: string): T {
  return JSON.parse(recordedFrame(file).data) as T;
}

/** The envelope each callback topic is pushed in: the recorded frame's, with its own ids and time. */
export const RECORDED_CALLBACK_FRAMES: Readonly<Record<string, DownstreamFrame>> = {
  [TOPIC_ROBOT_MESSAGE]: recordedFrame('stream-robot-message.json'),
  [TOPIC_CARD_CALLBACK]: recordedFrame('stream-card-callback.json'),
};

/** §2.3: the headers only EVENT frames carry; kept when an event is redelivered. */
export const EVENT_HEADERS: readonly string[] = [
  'eventType',
  'eventId',
  'eventBornTime',
  'eventCorpId',
  'eventUnifiedAppId',
];

/** §2.1: EVENT subscriptions may only use topic `*`; callbacks are subscribed topic by topic. */
export function subscribes(subscriptions: Subscription[], type: FrameType, topic: string): boolean {
  if (type === 'SYSTEM') return true;
  if (type === 'EVENT') return subscriptions.some((s) => s.type === 'EVENT' && s.topic === '*');
  return subscriptions.some((s) => s.type === 'CALLBACK' && s.topic === topic);
}

function rawText(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw).toString('utf8');
}

function parseLeniently(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** §2.4: `{code, headers{messageId}, message, data:"<JSON string>"}` — data is parsed a second time. */
export function parseAck(raw: RawData, connectionId: string, at: number): AckRecord {
  const text = rawText(raw);
  const parsed = parseLeniently(text);
  const frame = isRecord(parsed) ? parsed : {};
  const headers = isRecord(frame.headers) ? frame.headers : {};
  return {
    connectionId,
    messageId: typeof headers.messageId === 'string' ? headers.messageId : undefined,
    code: frame.code,
    message: frame.message,
    headers,
    data: typeof frame.data === 'string' ? parseLeniently(frame.data) : frame.data,
    raw: text,
    receivedAt: at,
  };
}
