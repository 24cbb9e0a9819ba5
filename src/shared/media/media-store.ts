import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { MediaConfig } from '../../config/factory-config.js';
import type { Clock } from '../clock.js';
import { RefusedError } from '../errors.js';
import { imageTypeOf } from './image-type.js';
import { MediaFile } from './media-file.entity.js';
import { mediaMessages as m } from './messages.js';

export const maxMediaBytes = (config: MediaConfig): number => Math.floor(config.maxMegabytes * 1024 * 1024);

/** A photo refused before anything was stored: too large, or not a picture. */
export class MediaRefusedError extends RefusedError {}

export interface NewMedia {
  bytes: Buffer;
  source: string;
  uploadedBy: string | null;
}

/**
 * The one place photos are kept: bytes on disk under `media.dir`, named by their hash, and a
 * `media_files` row. Storing the same bytes again returns the first row, so a redelivered
 * message or a photo forwarded twice is one file.
 */
export class MediaStore {
  constructor(private readonly config: MediaConfig) {}

  /** Refuses what the store would not keep, before a byte is written. */
  check(bytes: Buffer): { contentType: string; extension: string } {
    if (bytes.length > maxMediaBytes(this.config))
      throw new MediaRefusedError('media_too_large', m.tooLarge(this.config.maxMegabytes), {
        size: bytes.length,
      });
    const type = imageTypeOf(bytes);
    if (!type) throw new MediaRefusedError('media_not_image', m.notAnImage);
    return type;
  }

  /**
   * The file is written before the row (a row never points at nothing); a file whose row then
   * fails is harmless, as the next store of the same bytes reuses it. `em` should be a unit of
   * its own: a lost race leaves its failed row in it.
   */
  async store(em: EntityManager, clock: Clock, media: NewMedia): Promise<MediaFile> {
    try {
      return await this.storeOnce(em, clock, media);
    } catch (error) {
      // The same photo stored at the same moment by another event: theirs is ours.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const sha256 = createHash('sha256').update(media.bytes).digest('hex');
      const theirs = await em.fork().findOne(MediaFile, { sha256 });
      if (!theirs) throw error;
      return theirs;
    }
  }

  private async storeOnce(em: EntityManager, clock: Clock, media: NewMedia): Promise<MediaFile> {
    const type = this.check(media.bytes);
    const sha256 = createHash('sha256').update(media.bytes).digest('hex');
    const known = await em.findOne(MediaFile, { sha256 });
    const path = join(sha256.slice(0, 2), `${sha256}.${type.extension}`);
    await this.writeOnce(path, media.bytes);
    if (known) return known;
    const file = em.create(MediaFile, {
      sha256,
      contentType: type.contentType,
      size: media.bytes.length,
      path,
      source: media.source,
      uploadedBy: media.uploadedBy,
      createdAt: clock.now(),
    });
    await em.flush();
    return file;
  }

  async read(file: MediaFile): Promise<Buffer> {
    return readFile(this.absolute(file.path));
  }

  private absolute(relative: string): string {
    return join(resolve(this.config.dir), relative);
  }

  /** Same name, same bytes: an existing file is kept; a new one appears whole (write, then rename). */
  private async writeOnce(relative: string, bytes: Buffer): Promise<void> {
    const target = this.absolute(relative);
    const exists = await stat(target).then(
      (s) => s.size === bytes.length,
      () => false,
    );
    if (exists) return;
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  }
}
