import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One photo's bytes, stored once under `media.dir` whoever sent it and however often: the
 * content hash is the key, so a photo forwarded twice (or a redelivered message) is one row.
 */
export const MediaFile = defineEntity({
  name: 'MediaFile',
  tableName: 'media_files',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** SHA-256 of the bytes, hex. */
    sha256: p.string().length(64).unique(),
    contentType: p.string().length(32),
    size: p.integer(),
    /** Relative to `media.dir`. */
    path: p.string().length(191),
    /** Where it came from first: a channel name (`wecom-app`…) or a page (`partner-page`). */
    source: p.string().length(32),
    /** The person (or partner contact) who sent it first; null when unknown. */
    uploadedBy: p.string().length(64).nullable(),
    createdAt: p.datetime(3),
  },
});

export type MediaFile = InferEntity<typeof MediaFile>;
