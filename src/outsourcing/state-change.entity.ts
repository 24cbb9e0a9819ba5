import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { OutsourcingOrder } from './outsourcing-order.entity.js';

/** One step of an order's history: who moved it where, when, and through which channel. Never updated. */
export const OutsourcingStateChange = defineEntity({
  name: 'OutsourcingStateChange',
  tableName: 'outsourcing_state_changes',
  properties: {
    id: p.integer().primary().autoincrement(),
    order: () => p.manyToOne(OutsourcingOrder).deleteRule('cascade'),
    fromState: p.string().length(32).nullable(),
    toState: p.string().length(32),
    at: p.datetime(3),
    /** A person id; null for the ERP through the API. */
    actorId: p.string().length(64).nullable(),
    /** console, wecom-app, wecom-bot, dingtalk, link (the partner page) or api. */
    channel: p.string().length(16),
    note: p.string().length(200).nullable(),
  },
});

export type OutsourcingStateChange = InferEntity<typeof OutsourcingStateChange>;
