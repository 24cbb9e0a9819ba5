import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';
import { OperationTask } from '../../workorders/operation-task.entity.js';
import type { Measurement } from './measurements.js';

/**
 * 首检 (the first pieces of a flagged operation), 终检 (the last operation's good output),
 * 巡检 (in-process), or 外协质检 (pieces back from a partner, on the operation the partner did).
 */
export const INSPECTION_KINDS = ['first_article', 'final', 'patrol', 'outsourced'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** One inspection QC recorded on one operation, with the pieces it judged, exactly as counted. */
export const Inspection = defineEntity({
  name: 'Inspection',
  tableName: 'inspections',
  indexes: [{ properties: ['task', 'kind'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    kind: p.string().length(16).$type<InspectionKind>(),
    task: () => p.manyToOne(OperationTask).deleteRule('cascade'),
    inspector: () => p.manyToOne(Person),
    at: p.datetime(3),
    accepted: p.integer(),
    rejected: p.integer().default(0),
    /** Pieces sent back for rework; recorded, not yet turned into a task. */
    rework: p.integer().default(0),
    /** A code from factory.yaml `quality.rejectReasons`, kept as typed (the list may change later). */
    reasonCode: p.string().length(16).nullable(),
    note: p.string().length(255).nullable(),
    /** 名=值 as measured, each judged against the operation's 检验特性 (empty when none were given). */
    measurements: p.json<Measurement[]>().nullable(),
  },
});

export type Inspection = InferEntity<typeof Inspection>;
