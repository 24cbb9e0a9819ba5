import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import { OutsourcingOrder } from './outsourcing-order.entity.js';

/**
 * 外协质检 by count: what QC found in pieces back from a partner. Accepted and concession
 * pieces are good output of the order's operation; rejected ones are scrap and rework ones go
 * back through the reject flow, both with a reason code from `quality.rejectReasons`.
 * Never updated: a batch back in parts is inspected in parts.
 */
export const OutsourcingInspection = defineEntity({
  name: 'OutsourcingInspection',
  tableName: 'outsourcing_inspections',
  properties: {
    id: p.integer().primary().autoincrement(),
    order: () => p.manyToOne(OutsourcingOrder).deleteRule('cascade'),
    at: p.datetime(3),
    inspector: () => p.manyToOne(Person),
    channel: p.string().length(16),
    accepted: p.integer(),
    /** 让步接收: pieces outside specification taken as good on an approver's word. */
    concession: p.integer().default(0),
    concessionApprover: () => p.manyToOne(Person).nullable(),
    rejected: p.integer().default(0),
    rework: p.integer().default(0),
    /** A code from factory.yaml `quality.rejectReasons`, as it was when recorded. */
    reasonCode: p.string().length(16).nullable(),
    note: p.string().length(200).nullable(),
  },
});

export type OutsourcingInspection = InferEntity<typeof OutsourcingInspection>;
