/**
 * Encrypted media downloads for pushed image/file messages. §11.2: over the long connection every
 * image/file carries its own `aeskey`; the SDK's `downloadFile(url, aeskey)` GETs the url and
 * decrypts AES-256-CBC with IV = first 16 key bytes and PKCS#7 padding to 32-byte blocks.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const MEDIA_PATH = '/aibot/media/';
const PAD_BLOCK = 32;

interface StoredMedia {
  encrypted: Buffer;
  fileName: string | undefined;
  createdAt: number;
}

export interface MediaLink {
  url: string;
  aeskey: string;
}

export class MediaStore {
  private readonly items = new Map<string, StoredMedia>();
  baseUrl = '';

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {}

  register(plain: Uint8Array, fileName?: string): MediaLink {
    const key = randomBytes(32);
    const id = randomBytes(12).toString('hex');
    this.items.set(id, { encrypted: encrypt(Buffer.from(plain), key), fileName, createdAt: this.now() });
    return { url: `${this.baseUrl}${MEDIA_PATH}${id}`, aeskey: key.toString('base64') };
  }

  /** UNCONFIRMED what an expired link answers; 404 is the guess. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const item = path.startsWith(MEDIA_PATH) ? this.items.get(path.slice(MEDIA_PATH.length)) : undefined;
    if (req.method !== 'GET' || item === undefined || this.now() - item.createdAt > this.ttlMs) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
    if (item.fileName !== undefined) {
      headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(item.fileName)}`;
    }
    res.writeHead(200, headers).end(item.encrypted);
  }
}

function encrypt(plain: Buffer, key: Buffer): Buffer {
  const padLength = PAD_BLOCK - (plain.length % PAD_BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(padLength, padLength)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]);
}
