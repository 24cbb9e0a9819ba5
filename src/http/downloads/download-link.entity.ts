import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A file offered through a link in chat (a printed job ticket, a label sheet): what to render
 * and until when. The file is rendered when the link is opened, so it shows the record as it is
 * then; only the token's hash is kept.
 */
export const DownloadLink = defineEntity({
  name: 'DownloadLink',
  tableName: 'download_links',
  properties: {
    id: p.integer().primary().autoincrement(),
    tokenHash: p.string().length(64).unique(),
    /** Which page renders it, e.g. `ticket`; a token offered for one kind opens nothing else. */
    kind: p.string().length(32),
    /** What the renderer needs to find the record, e.g. the work-order number. */
    subject: p.string().length(512),
    createdBy: p.string().length(64).nullable(),
    createdAt: p.datetime(3),
    expiresAt: p.datetime(3),
  },
});

export type DownloadLink = InferEntity<typeof DownloadLink>;
