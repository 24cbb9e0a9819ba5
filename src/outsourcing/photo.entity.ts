import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { OutsourcingOrder } from './outsourcing-order.entity.js';
import { OutsourcingStateChange } from './state-change.entity.js';

/** A photo attached to a state change; the file lives under `outsourcing.photoDir`. */
export const OutsourcingPhoto = defineEntity({
  name: 'OutsourcingPhoto',
  tableName: 'outsourcing_photos',
  properties: {
    id: p.integer().primary().autoincrement(),
    order: () => p.manyToOne(OutsourcingOrder).deleteRule('cascade'),
    stateChange: () => p.manyToOne(OutsourcingStateChange).nullable(),
    /** Relative to the photo folder. */
    path: p.string().length(191),
    contentType: p.string().length(32),
    bytes: p.integer(),
    uploadedAt: p.datetime(3),
    actorId: p.string().length(64).nullable(),
  },
});

export type OutsourcingPhoto = InferEntity<typeof OutsourcingPhoto>;
