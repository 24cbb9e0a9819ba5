import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';

/** WeCom's side of the app callback (protocols/wecom.md §3): what its servers would post to us. */
export const WECOM = {
  corpId: 'wwfactory0001',
  agentId: '1000002',
  token: 'shopfloorToken42',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

export const wecomEnv = (apiBase = 'http://127.0.0.1:9') => ({
  WECOM_CORP_ID: WECOM.corpId,
  WECOM_AGENT_ID: WECOM.agentId,
  WECOM_SECRET: 'app-secret',
  WECOM_TOKEN: WECOM.token,
  WECOM_AES_KEY: WECOM.aesKey,
  WECOM_API_BASE: apiBase,
});

export interface CallbackRequest {
  query: string;
  body: string;
}

export function encryptedCallback(
  plainXml: string,
  options: { now?: Date; corpId?: string; aesKey?: string; token?: string } = {},
): CallbackRequest {
  const timestamp = String(Math.floor((options.now ?? new Date()).getTime() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const encrypted = encrypt(options.aesKey ?? WECOM.aesKey, plainXml, options.corpId ?? WECOM.corpId);
  const signature = getSignature(options.token ?? WECOM.token, timestamp, nonce, encrypted);
  const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString();
  return {
    query,
    body: `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><AgentID>${WECOM.agentId}</AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  };
}

export function verificationQuery(echo: string, now = new Date()): { query: string } {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const echostr = encrypt(WECOM.aesKey, echo, WECOM.corpId);
  const query = new URLSearchParams({
    msg_signature: getSignature(WECOM.token, timestamp, nonce, echostr),
    timestamp,
    nonce,
    echostr,
  });
  return { query: query.toString() };
}

let msgId = 7_345_000_000_000_000_000n;
const head = (from: string, now: Date) =>
  `<ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime><AgentID>${WECOM.agentId}</AgentID>`;

/** Inbound plaintexts of §4; MsgId is beyond 2^53 on purpose. */
export const inbound = {
  text: (from: string, content: string, now = new Date()) =>
    `<xml>${head(from, now)}<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${(msgId += 1n)}</MsgId></xml>`,
  scan: (from: string, scanned: string, now = new Date()) =>
    `<xml>${head(from, now)}<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scancode_waitmsg]]></Event><EventKey><![CDATA[scan_report]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[${scanned}]]></ScanResult></ScanCodeInfo></xml>`,
  click: (from: string, eventKey: string, taskId: string, responseCode: string, now = new Date()) =>
    `<xml>${head(from, now)}<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${eventKey}]]></EventKey><TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[${responseCode}]]></ResponseCode></xml>`,
};

/** Opens our passive reply as the WeCom client would, checking its signature first. */
export function openReply(body: string): Record<string, unknown> {
  const parser = new XMLParser({ parseTagValue: false });
  const outer = (parser.parse(body) as { xml: Record<string, string> }).xml;
  const signature = getSignature(
    WECOM.token,
    String(outer.TimeStamp),
    String(outer.Nonce),
    String(outer.Encrypt),
  );
  if (signature !== outer.MsgSignature) throw new Error('reply signature does not verify');
  const { message, id } = decrypt(WECOM.aesKey, String(outer.Encrypt));
  if (id !== WECOM.corpId) throw new Error(`reply encrypted for ${id}`);
  return (parser.parse(message) as { xml: Record<string, unknown> }).xml;
}
