/**
 * Wire format of the long connection (§11.2): frames `{cmd, headers:{req_id}, body}`, acks
 * `{headers:{req_id}, errcode, errmsg}` (no cmd: the SDK routes acks by req_id alone).
 */
import { randomBytes } from 'node:crypto';
import type { RawData } from 'ws';
import type { JsonObject, UpstreamFrame } from './types.js';

export const CMD = {
  subscribe: 'aibot_subscribe',
  ping: 'ping',
  respondMsg: 'aibot_respond_msg',
  respondWelcome: 'aibot_respond_welcome_msg',
  respondUpdate: 'aibot_respond_update_msg',
  sendMsg: 'aibot_send_msg',
  msgCallback: 'aibot_msg_callback',
  eventCallback: 'aibot_event_callback',
} as const;

/**
 * The codes the fake answers with. wecom.md gives none for the bot channel, so every one is a
 * guess; tests should compare against these names, not the numbers.
 */
export const ERRCODE = {
  ok: 0,
  /** UNCONFIRMED: a single third-party report of a real tenant ("853000 invalid bot_id or secret"). */
  invalidCredentials: 853000,
  /** UNCONFIRMED for the bot channel: WeCom's global "invalid parameter". */
  invalidParameter: 40058,
  /** UNCONFIRMED for the bot channel: WeCom's global "message content too large". */
  contentTooLong: 45002,
  /** §7: reusing a task_id is refused with 42014. */
  duplicateTaskId: 42014,
  // Invented by the fake (99xxxx): nothing says what the real server answers in these cases.
  notAuthenticated: 990001,
  unknownReqId: 990002,
  replyWindowExpired: 990003,
  wrongReplyKind: 990004,
  unknownCommand: 990005,
} as const;

export interface Verdict {
  errcode: number;
  errmsg: string;
}

export const OK: Verdict = { errcode: ERRCODE.ok, errmsg: 'ok' };

export function refuse(errcode: number, errmsg: string): Verdict {
  return { errcode, errmsg };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(new Uint8Array(data)).toString('utf8');
}

export function parseUpstream(raw: string): UpstreamFrame | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    return isJsonObject(parsed) ? (parsed as UpstreamFrame) : undefined;
  } catch {
    return undefined;
  }
}

export function reqIdOf(frame: UpstreamFrame | undefined): string {
  const reqId = frame?.headers?.req_id;
  return typeof reqId === 'string' ? reqId : '';
}

export function encodeAck(reqId: string, verdict: Verdict): string {
  return JSON.stringify({ headers: { req_id: reqId }, errcode: verdict.errcode, errmsg: verdict.errmsg });
}

export function encodePush(cmd: string, reqId: string, body: JsonObject): string {
  return JSON.stringify({ cmd, headers: { req_id: reqId }, body });
}

/**
 * The real format is unknown. It must not start with "aibot_subscribe" or "ping": the SDK
 * classifies acks by those req_id prefixes before it looks at pending replies, so a reply to
 * such a req_id would never see its ack.
 */
export function newPushReqId(): string {
  return randomBytes(16).toString('hex');
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
