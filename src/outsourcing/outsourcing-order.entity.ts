import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { Partner } from './partner.entity.js';

export const QC_RESULTS = ['pass', 'fail', 'concession'] as const;
export type QcResult = (typeof QC_RESULTS)[number];

/**
 * 外发单: a batch sent to a partner for one process, with the twelve fields the factory
 * tracks, its custom fields from factory.yaml, and its state (ids from `outsourcing.states`).
 */
export const OutsourcingOrder = defineEntity({
  name: 'OutsourcingOrder',
  tableName: 'outsourcing_orders',
  // The reminder scan and the board read open orders by state and expected return.
  indexes: [{ properties: ['state', 'expectedReturnAt'] }, { properties: ['partner', 'state'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    number: p.string().length(32).unique(),
    customer: p.string().length(100).nullable(),
    productCode: p.string().length(64),
    quantity: p.integer(),
    /** Factory-local calendar day the batch left. */
    shipDate: p.string().length(10),
    expectedReturnAt: p.datetime(3),
    /** When the whole batch was back (the last 回厂, or entering a returned state). */
    actualReturnAt: p.datetime(3).nullable(),
    returnedQuantity: p.integer().default(0),
    qcResult: p.string().length(16).$type<QcResult>().nullable(),
    qcNote: p.string().length(200).nullable(),
    partner: () => p.manyToOne(Partner),
    process: p.string().length(64),
    contact: () => p.manyToOne(Person).nullable(),
    /** Who follows the order up (外协跟单); escalations go to them first. */
    coordinator: () => p.manyToOne(Person).nullable(),
    workOrder: () => p.manyToOne(WorkOrder).nullable(),
    operation: () => p.manyToOne(OperationTask).nullable(),
    notes: p.text().nullable(),
    customFields: p.json<Record<string, unknown>>(),
    state: p.string().length(32),
    stateChangedAt: p.datetime(3),
    createdAt: p.datetime(3),
  },
});

export type OutsourcingOrder = InferEntity<typeof OutsourcingOrder>;
