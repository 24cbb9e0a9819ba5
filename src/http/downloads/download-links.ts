import Router from '@koa/router';
import type { EntityManager } from '@mikro-orm/core';
import { unitOf, type AppServices } from '../../app-services.js';
import type { Clock } from '../../shared/clock.js';
import { hashSecretToken, newSecretToken } from '../../shared/secret-token.js';
import { DownloadLink } from './download-link.entity.js';

/** A rendered file, ready to send. */
export interface DownloadFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** Renders the file a link offers, or `undefined` when its record is gone. */
export type RenderDownload = (services: AppServices, subject: string) => Promise<DownloadFile | undefined>;

export interface DownloadOffer {
  kind: string;
  subject: string;
  createdBy: string | null;
  validMinutes: number;
}

/** Stores a link to a file rendered on demand; the path (under the public URL) holds the only copy of the token. */
export function offerDownload(em: EntityManager, clock: Clock, offer: DownloadOffer): string {
  const token = newSecretToken();
  const now = clock.now();
  em.create(DownloadLink, {
    tokenHash: hashSecretToken(token),
    kind: offer.kind,
    subject: offer.subject,
    createdBy: offer.createdBy,
    createdAt: now,
    expiresAt: new Date(now.getTime() + offer.validMinutes * 60_000),
  });
  return `/downloads/${offer.kind}/${token}`;
}

/**
 * `/downloads/<kind>/<token>`: the file behind a link of that kind while it lasts. An unknown,
 * foreign or expired token gets 410 with `gone` (one plain Chinese line), never a hint of which.
 */
export function downloadRoute(
  services: AppServices,
  kind: string,
  render: RenderDownload,
  gone: string,
): Router {
  const router = new Router();
  router.get(`/downloads/${kind}/:token`, async (ctx) => {
    const link = await unitOf(services).em.findOne(DownloadLink, {
      tokenHash: hashSecretToken(ctx.params.token ?? ''),
    });
    const live = link && link.kind === kind && link.expiresAt > services.clock.now();
    const file = live ? await render(services, link.subject) : undefined;
    ctx.set('Cache-Control', 'no-store');
    if (!file) {
      ctx.status = 410;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = gone;
      return;
    }
    ctx.type = file.contentType;
    ctx.set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    ctx.body = file.body;
  });
  return router;
}
