import { createHash, randomBytes } from 'node:crypto';
import type { Orm } from '../../src/db/orm.js';
import { MediaAttachment } from '../../src/shared/media/media-attachment.entity.js';
import { MediaFile } from '../../src/shared/media/media-file.entity.js';

/** A JPEG as far as the media store can tell (its magic bytes), different on every call. */
export function jpeg(size = 4096): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** What the media store holds: every file, and what each is attached to. */
export async function storedMedia(orm: Orm) {
  const em = orm.em.fork();
  const files = await em.find(MediaFile, {}, { orderBy: { id: 'asc' } });
  const attachments = await em.find(MediaAttachment, {}, { orderBy: { id: 'asc' } });
  return {
    files: files.map((f) => ({ id: f.id, sha256: f.sha256, size: f.size, contentType: f.contentType })),
    attachments: attachments.map((a) => ({ media: a.media.id, subject: `${a.subjectType}:${a.subjectId}` })),
  };
}

/** The signed photo links in a text. */
export const photoLinksIn = (text: string): string[] =>
  text.match(/https?:\/\/\S+\/downloads\/media\/\S+/g) ?? [];
