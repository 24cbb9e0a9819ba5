import { createDecipheriv } from 'node:crypto';
import type { FetchedMedia } from '../../chat/channel.js';
import type { MediaRef } from '../../chat/inbound-event.js';
import { downloadLimited } from '../shared/media-download.js';

/** The padding runs to a multiple of 32 bytes, not AES's 16 (wecom-media.md §4). */
const PAD_BLOCK = 32;

/**
 * An image message's `url` (valid five minutes, encrypted) fetched with a plain GET and
 * decrypted with its own `aeskey`: AES-256-CBC, IV = the key's first 16 bytes, PKCS#7 padding
 * of 1..32 stripped by hand (CONFIRMED in the official SDK's `decryptFile`). What an expired url
 * answers is UNCONFIRMED: any 4xx is read as expired. The size limit is checked on the
 * encrypted bytes, at most 32 more than the photo.
 */
export async function downloadBotMedia(ref: MediaRef, maxBytes: number): Promise<FetchedMedia> {
  const download = await downloadLimited(ref.mediaId, maxBytes + PAD_BLOCK);
  if ('ok' in download) return download;
  if (download.kind === 'status') {
    const error = `bot media HTTP ${download.status}: ${download.text.slice(0, 200)}`;
    return download.status >= 400 && download.status < 500
      ? { ok: false, reason: 'expired', error }
      : { ok: false, reason: 'unavailable', error };
  }
  // UNCONFIRMED (SDK behaviour): without an aeskey the bytes come as they are.
  if (!ref.aesKey) return { ok: true, bytes: download.bytes };
  try {
    return { ok: true, bytes: decryptBotMedia(download.bytes, ref.aesKey) };
  } catch (error) {
    return { ok: false, reason: 'unavailable', error: `bot media did not decrypt: ${String(error)}` };
  }
}

export function decryptBotMedia(encrypted: Buffer, aesKey: string): Buffer {
  const key = Buffer.from(aesKey, 'base64');
  if (key.length !== 32) throw new Error(`aeskey is ${key.length} bytes, not 32`);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(encrypted), decipher.final()]);
  const pad = padded.at(-1) ?? 0;
  if (pad < 1 || pad > PAD_BLOCK || pad > padded.length) throw new Error(`bad padding ${pad}`);
  return padded.subarray(0, padded.length - pad);
}
