import type { FilterQuery } from '@mikro-orm/core';
import { defineRoute } from '../../http/api/api-route.js';
import { decodeCursor, pageOf, pageParameters, pageSchema, pageSizeOf } from '../../http/api/cursor-page.js';
import { etagOf } from '../../http/api/preconditions.js';
import { enumFilter, instantFilter, spanFilter } from '../../http/api/query-filters.js';
import { NotFoundError } from '../../shared/errors.js';
import { INSPECTION_KINDS, Inspection } from './inspection.entity.js';

const POPULATE = ['task.workOrder', 'inspector'] as const;

const nullable = (type: string) => ({ type: [type, 'null'] });

export const inspectionSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'kind',
    'workOrder',
    'operation',
    'operationName',
    'inspector',
    'at',
    'accepted',
    'rejected',
    'rework',
    'reasonCode',
    'note',
  ],
  properties: {
    id: { type: 'integer' },
    kind: { enum: [...INSPECTION_KINDS], description: '首检, 终检, 巡检 or 外协 return' },
    workOrder: { type: 'string' },
    operation: { type: 'integer' },
    operationName: { type: 'string' },
    inspector: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    accepted: { type: 'integer' },
    rejected: { type: 'integer' },
    rework: { type: 'integer' },
    reasonCode: { ...nullable('string'), description: 'A code of factory.yaml quality.rejectReasons' },
    note: nullable('string'),
  },
} as const;

export const inspectionView = (i: Inspection) => ({
  id: i.id,
  kind: i.kind,
  workOrder: i.task.workOrder.number,
  operation: i.task.sequence,
  operationName: i.task.name,
  inspector: i.inspector.id,
  at: i.at.toISOString(),
  accepted: i.accepted,
  rejected: i.rejected,
  rework: i.rework,
  reasonCode: i.reasonCode ?? null,
  note: i.note ?? null,
});

export const listInspectionsRoute = defineRoute({
  method: 'get',
  path: '/inspections',
  scope: 'quality:read',
  tag: 'quality',
  summary:
    'Inspections (首检, 巡检, 终检, 外协 returns) in the order they were recorded, a page at a time; ' +
    '?kind=, ?workOrder=, ?inspector=, ?from=, ?to= (date-times, to exclusive)',
  query: {
    kind: { enum: [...INSPECTION_KINDS] },
    workOrder: { type: 'string' },
    inspector: { type: 'string', description: 'The person id of the inspector' },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    ...pageParameters,
  },
  response: pageSchema(inspectionSchema),
  async handle({ em, query }) {
    const size = pageSizeOf(query.limit);
    const kind = enumFilter('kind', query.kind, INSPECTION_KINDS);
    const at = spanFilter(instantFilter('from', query.from), instantFilter('to', query.to));
    const where: FilterQuery<Inspection> = {
      ...(query.cursor === undefined ? {} : { id: { $gt: decodeCursor<number>(query.cursor, 'number') } }),
      ...(kind === undefined ? {} : { kind }),
      ...(query.workOrder === undefined
        ? {}
        : { task: { workOrder: { number: query.workOrder.toUpperCase() } } }),
      ...(query.inspector === undefined ? {} : { inspector: query.inspector }),
      ...(at === undefined ? {} : { at }),
    };
    const rows = await em.find(Inspection, where, {
      orderBy: { id: 'asc' },
      limit: size + 1,
      populate: POPULATE,
    });
    return { body: pageOf(rows, size, (i) => i.id, inspectionView) };
  },
});

export const getInspectionRoute = defineRoute({
  method: 'get',
  path: '/inspections/:id',
  scope: 'quality:read',
  tag: 'quality',
  summary: 'One inspection by its id, with the operation and the counts QC gave',
  response: inspectionSchema,
  etag: true,
  async handle({ em, params }) {
    const ref = params.id ?? '';
    const inspection = /^\d{1,10}$/.test(ref)
      ? await em.findOne(Inspection, Number(ref), { populate: POPULATE })
      : null;
    if (!inspection) throw new NotFoundError('inspection', ref);
    const view = inspectionView(inspection);
    return { body: view, etag: etagOf(view) };
  },
});
