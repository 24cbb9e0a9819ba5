import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** The partner page accepts what the chat's media store accepts. */
export { imageTypeOf as photoTypeOf } from '../shared/media/image-type.js';

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
