import { randomBytes, timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

export interface CallbackSecrets {
  token: string;
  aesKey: string;
  corpId: string;
}

export type Refusal = 'bad_signature' | 'undecryptable' | 'foreign_corp' | 'stale_timestamp';

export class CallbackRefused extends Error {
  constructor(readonly reason: Refusal) {
    super(`wecom callback refused: ${reason}`);
    this.name = 'CallbackRefused';
  }
}

/** protocols/wecom.md §3.3: sha1 over the sorted four strings, compared in constant time. */
export function assertSignature(
  secrets: CallbackSecrets,
  signature: string,
  timestamp: string,
  nonce: string,
  encrypted: string,
): void {
  const expected = Buffer.from(getSignature(secrets.token, timestamp, nonce, encrypted));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new CallbackRefused('bad_signature');
}

/**
 * §3.4: AES-256-CBC with the 32-byte pad. `@wecom/crypto` returns the trailing receive id but
 * does not check it, so a message encrypted for another corp would be accepted without this.
 */
export function openEnvelope(secrets: CallbackSecrets, encrypted: string): string {
  let opened: { message: string; id: string };
  try {
    opened = decrypt(secrets.aesKey, encrypted);
  } catch {
    throw new CallbackRefused('undecryptable');
  }
  if (opened.id !== secrets.corpId) throw new CallbackRefused('foreign_corp');
  return opened.message;
}

export function assertFresh(timestamp: string, now: Date, windowSeconds: number): void {
  const sent = Number(timestamp);
  if (!Number.isFinite(sent) || Math.abs(now.getTime() / 1000 - sent) > windowSeconds)
    throw new CallbackRefused('stale_timestamp');
}

/** §3.6: the passive reply, encrypted for our corp and signed with a fresh timestamp and nonce. */
export function sealReply(secrets: CallbackSecrets, plaintextXml: string, now: Date): string {
  const encrypted = encrypt(secrets.aesKey, plaintextXml, secrets.corpId);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const signature = getSignature(secrets.token, timestamp, nonce, encrypted);
  return (
    `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature>` +
    `<TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`
  );
}
