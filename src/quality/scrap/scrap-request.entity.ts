import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';
import { OperationTask } from '../../workorders/operation-task.entity.js';
import { WorkReport } from '../../workorders/work-report.entity.js';

export const SCRAP_REQUEST_STATES = ['pending', 'approved', 'rejected'] as const;
export type ScrapRequestState = (typeof SCRAP_REQUEST_STATES)[number];

/**
 * 报废申请: scrap over the approval threshold, waiting for an approver's tap. Until approved it
 * is not posted (no report carries it); approval posts it as a report of its own, or, for scrap
 * counted outside a 报工, as the operation's scrap without one.
 */
export const ScrapRequest = defineEntity({
  name: 'ScrapRequest',
  tableName: 'scrap_requests',
  indexes: [{ properties: ['status', 'decidedAt'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    task: () => p.manyToOne(OperationTask).deleteRule('cascade'),
    requestedBy: () => p.manyToOne(Person),
    requestedAt: p.datetime(3),
    quantity: p.integer(),
    /** A `quality.rejectReasons` code; null when it came with a 报工 that named none. */
    reasonCode: p.string().length(16).nullable(),
    /** The 报工 whose scrap was held back, when it came with one. */
    heldFrom: () => p.manyToOne(WorkReport).nullable(),
    /**
     * Set when the scrap was counted outside any 报工 (`outsourcing:OS-…`, QC of pieces back from
     * a partner): approval posts it as the operation's scrap with no report, as that count would have.
     */
    outsideSource: p.string().length(64).nullable(),
    status: p.string().length(16).$type<ScrapRequestState>().default('pending'),
    decidedBy: () => p.manyToOne(Person).nullable(),
    decidedAt: p.datetime(3).nullable(),
    decisionNote: p.string().length(255).nullable(),
    /** The report that posted the scrap once approved. */
    posted: () => p.manyToOne(WorkReport).nullable(),
    revision: p.integer().default(0),
  },
});

export type ScrapRequest = InferEntity<typeof ScrapRequest>;

export const scrapLabel = (id: number): string => `S${id}`;
