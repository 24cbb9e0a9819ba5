import type Router from '@koa/router';
import type { EntityManager } from '@mikro-orm/core';
import { unitOf, type AppServices } from '../../app-services.js';
import { downloadRoute, offerDownload } from '../../http/downloads/download-links.js';
import type { Clock } from '../clock.js';
import { MediaFile } from './media-file.entity.js';
import type { MediaStore } from './media-store.js';
import { mediaMessages as m } from './messages.js';

export const MEDIA_LINK = 'media';

/**
 * A signed link, under `publicUrl`, that shows one stored photo until `media.linkHours` have
 * passed: its path carries the only copy of the token.
 */
export function offerMediaLink(
  unit: { em: EntityManager; clock: Clock; config: { media: { linkHours: number } } },
  publicUrl: string,
  mediaId: number,
  createdBy: string | null,
): string {
  const path = offerDownload(unit.em, unit.clock, {
    kind: MEDIA_LINK,
    subject: String(mediaId),
    createdBy,
    validMinutes: unit.config.media.linkHours * 60,
  });
  return `${publicUrl}${path}`;
}

/** `/downloads/media/<token>`: the photo while its link lasts, 410 after. */
export function mediaRoute(services: AppServices, store: MediaStore): Router {
  return downloadRoute(
    services,
    MEDIA_LINK,
    async (app, subject) => {
      const file = await unitOf(app).em.findOne(MediaFile, Number(subject));
      if (!file) return undefined;
      const extension = file.path.split('.').pop() ?? 'bin';
      return {
        fileName: `photo-${file.id}.${extension}`,
        contentType: file.contentType,
        body: await store.read(file),
      };
    },
    m.linkGone,
  );
}
