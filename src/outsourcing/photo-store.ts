import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** What a phone camera produces, recognised by the file's first bytes rather than its name. */
export function photoTypeOf(bytes: Uint8Array): { contentType: string; extension: string } | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { contentType: 'image/jpeg', extension: 'jpg' };
  if (ascii(1, 4) === 'PNG') return { contentType: 'image/png', extension: 'png' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP')
    return { contentType: 'image/webp', extension: 'webp' };
  if (ascii(4, 8) === 'ftyp' && /^(heic|heix|mif1|msf1)$/.test(ascii(8, 12)))
    return { contentType: 'image/heic', extension: 'heic' };
  return undefined;
}

/** Writes a photo under `<photoDir>/<order id>/`; returns the path relative to the folder. */
export async function storePhoto(
  photoDir: string,
  orderId: number,
  bytes: Uint8Array,
  extension: string,
): Promise<string> {
  const relative = join(String(orderId), `${Date.now()}-${randomBytes(6).toString('hex')}.${extension}`);
  await mkdir(join(resolve(photoDir), String(orderId)), { recursive: true });
  await writeFile(join(resolve(photoDir), relative), bytes);
  return relative;
}

/** Removes a photo whose database record was not written, so no file is left without one. */
export async function discardPhoto(photoDir: string, relative: string): Promise<void> {
  await rm(join(resolve(photoDir), relative), { force: true });
}
