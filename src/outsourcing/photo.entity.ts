import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { MediaFile } from '../shared/media/media-file.entity.js';
import { OutsourcingOrder } from './outsourcing-order.entity.js';
import { OutsourcingStateChange } from './state-change.entity.js';

/**
 * A photo attached to a state change. Its bytes are in the media store (`media`); rows written
 * before the store existed keep their file under `outsourcing.photoDir` (`path`) instead.
 */
export const OutsourcingPhoto = defineEntity({
  name: 'OutsourcingPhoto',
  tableName: 'outsourcing_photos',
  properties: {
    id: p.integer().primary().autoincrement(),
    order: () => p.manyToOne(OutsourcingOrder).deleteRule('cascade'),
    stateChange: () => p.manyToOne(OutsourcingStateChange).nullable(),
    media: () => p.manyToOne(MediaFile).nullable(),
    /** Relative to `media.dir` when `media` is set; older rows: to `outsourcing.photoDir`. */
    path: p.string().length(191),
    contentType: p.string().length(32),
    bytes: p.integer(),
    uploadedAt: p.datetime(3),
    actorId: p.string().length(64).nullable(),
  },
});

export type OutsourcingPhoto = InferEntity<typeof OutsourcingPhoto>;
