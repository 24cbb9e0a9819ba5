import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { MaterialIssue } from '../materials/material-issue.entity.js';
import { ProductionException } from '../workorders/production-exception.entity.js';
import { WorkReport } from '../workorders/work-report.entity.js';

export const READING_KINDS = ['count', 'weighing'] as const;
export type ReadingKind = (typeof READING_KINDS)[number];

/**
 * pending: stored, not applied yet (an MQTT message is acknowledged once it is stored);
 * reported / issued: became a work report / a material issue; exception: counted while no
 * task ran on the machine (one production exception per run of them); unassigned: the same,
 * on a machine that never had a work order to raise it on; refused: the data was wrong.
 */
export const READING_STATES = [
  'pending',
  'reported',
  'issued',
  'exception',
  'unassigned',
  'refused',
] as const;
export type ReadingState = (typeof READING_STATES)[number];

/**
 * One message of a gateway (PLC counter, weighing scale), kept once per device sequence number:
 * a replayed or late message finds its number taken and changes nothing.
 */
export const GatewayReading = defineEntity({
  name: 'GatewayReading',
  tableName: 'gateway_readings',
  uniques: [{ properties: ['device', 'seq'] }],
  indexes: [{ properties: ['state', 'id'] }, { properties: ['equipment', 'id'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    device: p.string().length(64),
    seq: p.bigint('number'),
    kind: p.string().length(16).$type<ReadingKind>(),
    /** A counter's machine (equipment code). */
    equipment: p.string().length(32).nullable(),
    good: p.integer().default(0),
    scrap: p.integer().default(0),
    /** A scale's lot, work order and weight (in the lot's unit). */
    lot: p.string().length(64).nullable(),
    workOrder: p.string().length(32).nullable(),
    weight: p.double().$type<number>().runtimeType('number').nullable(),
    /** The unit the scale wrote, checked against the lot's. */
    unit: p.string().length(16).nullable(),
    /** When the device says it counted / weighed. */
    readAt: p.datetime(3),
    receivedAt: p.datetime(3),
    state: p.string().length(16).$type<ReadingState>().default('pending'),
    report: () => p.manyToOne(WorkReport).nullable(),
    exception: () => p.manyToOne(ProductionException).nullable(),
    issue: () => p.manyToOne(MaterialIssue).nullable(),
    /** Why it was refused, or why no report was made. */
    note: p.string().length(500).nullable(),
  },
});

export type GatewayReading = InferEntity<typeof GatewayReading>;
