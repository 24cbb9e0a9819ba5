import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ITEM_KINDS = ['raw', 'semi', 'finished'] as const;

/**
 * Who keeps an item (and its routing and BOM): `erp` when the ERP does — written by the ERP
 * bridge (the API) or an import marked so — and chat must not change it, else `local`.
 */
export const ITEM_SOURCES = ['local', 'erp'] as const;
export type ItemSource = (typeof ITEM_SOURCES)[number];

/** Master data owned by the ERP: the ERP's item code is the key here too. */
export const Item = defineEntity({
  name: 'Item',
  tableName: 'items',
  properties: {
    code: p.string().length(64).primary(),
    name: p.string().length(200),
    unit: p.string().length(16).default('件'),
    kind: p.string().length(16).$type<(typeof ITEM_KINDS)[number]>().default('finished'),
    source: p.string().length(8).$type<ItemSource>().default('local'),
    /** Each finished piece carries its own serial number (序列号), given at 终检. */
    serialised: p.boolean().default(false),
  },
});

export type Item = InferEntity<typeof Item>;
