import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { OutsourcingOrder } from './outsourcing-order.entity.js';

/** 回厂: part or all of a batch received back. Never updated; the order keeps the running total. */
export const ReturnReceipt = defineEntity({
  name: 'ReturnReceipt',
  tableName: 'outsourcing_returns',
  properties: {
    id: p.integer().primary().autoincrement(),
    order: () => p.manyToOne(OutsourcingOrder).deleteRule('cascade'),
    quantity: p.integer(),
    at: p.datetime(3),
    actorId: p.string().length(64).nullable(),
    channel: p.string().length(16),
  },
});

export type ReturnReceipt = InferEntity<typeof ReturnReceipt>;
