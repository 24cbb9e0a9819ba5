import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { MaterialLot } from './material-lot.entity.js';

/** 领料: a quantity of a lot consumed by a work order (and, when known, an operation). */
export const MaterialIssue = defineEntity({
  name: 'MaterialIssue',
  tableName: 'material_issues',
  indexes: [{ properties: ['issuedAt'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    lot: () => p.manyToOne(MaterialLot),
    workOrder: () => p.manyToOne(WorkOrder),
    task: () => p.manyToOne(OperationTask).nullable(),
    quantity: p.double().$type<number>().runtimeType('number'),
    issuedBy: () => p.manyToOne(Person),
    issuedAt: p.datetime(3),
  },
});

export type MaterialIssue = InferEntity<typeof MaterialIssue>;
