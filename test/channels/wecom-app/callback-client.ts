import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import { fixtureXml } from '../../support/fixtures.js';

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
    body: fixtureXml('wecom-app/callback-envelope.xml', {
      ToUserName: WECOM.corpId,
      AgentID: WECOM.agentId,
      Encrypt: encrypted,
    }),
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
const head = (from: string, now: Date) => ({
  ToUserName: WECOM.corpId,
  FromUserName: from,
  CreateTime: Math.floor(now.getTime() / 1000),
  AgentID: WECOM.agentId,
});

/** Inbound plaintexts of §4, from test/fixtures/wecom-app; MsgId is beyond 2^53 on purpose. */
export const inbound = {
  text: (from: string, content: string, now = new Date()) =>
    fixtureXml('wecom-app/text.xml', { ...head(from, now), Content: content, MsgId: (msgId += 1n) }),
  image: (from: string, mediaId: string, now = new Date()) =>
    fixtureXml('wecom-app/image.xml', { ...head(from, now), MediaId: mediaId, MsgId: (msgId += 1n) }),
  scan: (from: string, scanned: string, now = new Date()) =>
    fixtureXml('wecom-app/scancode-waitmsg.xml', { ...head(from, now), ScanResult: scanned }),
  click: (from: string, eventKey: string, taskId: string, responseCode: string, now = new Date()) =>
    fixtureXml('wecom-app/template-card-event.xml', {
      ...head(from, now),
      EventKey: eventKey,
      TaskId: taskId,
      ResponseCode: responseCode,
    }),
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
