import type { FetchedMedia } from '../../chat/channel.js';
import { describeNetworkError } from './network-errors.js';

export type Download =
  | { kind: 'bytes'; bytes: Buffer; contentType: string }
  | { kind: 'status'; status: number; text: string }
  | Extract<FetchedMedia, { ok: false }>;

const TIMEOUT_MS = 30_000;

/**
 * GETs a platform's file, stopping as soon as it passes `maxBytes` (the declared length is
 * trusted first, the bytes counted anyway): a 200 MB upload must not fill the server's memory.
 */
export async function downloadLimited(
  url: string,
  maxBytes: number,
  init: RequestInit = {},
): Promise<Download> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    return { kind: 'status', status: 0, text: describeNetworkError(error) };
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (!response.ok) return { kind: 'status', status: response.status, text: await response.text() };
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const tooLarge = (): Download => ({ ok: false, reason: 'too_large', error: `over ${maxBytes} bytes` });
  if (declared > maxBytes) {
    await response.body?.cancel();
    return tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += (chunk as Uint8Array).length;
      if (size > maxBytes) return tooLarge();
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
  } catch (error) {
    return { ok: false, reason: 'unavailable', error: describeNetworkError(error) };
  }
  return { kind: 'bytes', bytes: Buffer.concat(chunks), contentType };
}
