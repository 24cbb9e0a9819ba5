import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { WorkReport } from '../../workorders/work-report.entity.js';

/**
 * One process parameter (工艺参数) measured for one 报工, with the limits it was judged against
 * (factory.yaml may change later). One per report and name: a replayed post changes nothing.
 */
export const ParameterReading = defineEntity({
  name: 'ParameterReading',
  tableName: 'parameter_readings',
  uniques: [{ properties: ['report', 'name'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    report: () => p.manyToOne(WorkReport).deleteRule('cascade'),
    name: p.string().length(32),
    unit: p.string().length(16),
    value: p.double().$type<number>().runtimeType('number'),
    min: p.double().$type<number>().runtimeType('number').nullable(),
    max: p.double().$type<number>().runtimeType('number').nullable(),
    outOfLimits: p.boolean().default(false),
    /** The quality exception the value raised (its E<n>), when it was outside its limits. */
    exceptionId: p.integer().nullable(),
    /** chat or api (a gateway). */
    source: p.string().length(16),
    recordedAt: p.datetime(3),
  },
});

export type ParameterReading = InferEntity<typeof ParameterReading>;
