import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { MediaFile } from './media-file.entity.js';

/**
 * A photo attached to a record of any capability (an inspection, a scrap request…), named by
 * type and id so that the platform needs to know none of them.
 */
export const MediaAttachment = defineEntity({
  name: 'MediaAttachment',
  tableName: 'media_attachments',
  uniques: [{ properties: ['subjectType', 'subjectId', 'media'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    media: () => p.manyToOne(MediaFile),
    /** e.g. `inspection`, `scrap_request`. */
    subjectType: p.string().length(32),
    subjectId: p.string().length(64),
    attachedBy: p.string().length(64).nullable(),
    attachedAt: p.datetime(3),
  },
});

export type MediaAttachment = InferEntity<typeof MediaAttachment>;
