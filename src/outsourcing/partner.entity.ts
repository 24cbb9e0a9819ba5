import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 外协厂: a shop that does one process for us (plating, heat treatment, …). The ERP's code is the key. */
export const Partner = defineEntity({
  name: 'Partner',
  tableName: 'outsourcing_partners',
  properties: {
    code: p.string().length(32).primary(),
    name: p.string().length(100),
    /** The process they do, e.g. 电镀; the default process of a new order. */
    process: p.string().length(64),
    active: p.boolean().default(true),
    createdAt: p.datetime(3),
  },
});

export type Partner = InferEntity<typeof Partner>;
