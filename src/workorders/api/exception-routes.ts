import type { FilterQuery } from '@mikro-orm/core';
import { defineRoute } from '../../http/api/api-route.js';
import { decodeCursor, pageOf, pageParameters, pageSchema, pageSizeOf } from '../../http/api/cursor-page.js';
import { etagOf } from '../../http/api/preconditions.js';
import { enumFilter, instantFilter, spanFilter } from '../../http/api/query-filters.js';
import { NotFoundError } from '../../shared/errors.js';
import { EXCEPTION_KINDS, EXCEPTION_STATUSES, ProductionException } from '../production-exception.entity.js';
import { WorkOrder } from '../work-order.entity.js';
import { exceptionSchema, exceptionView } from './views.js';

const POPULATE = ['workOrder', 'task', 'raisedBy', 'acknowledgedBy', 'closedBy'] as const;

export const listExceptionsRoute = defineRoute({
  method: 'get',
  path: '/exceptions',
  scope: 'workorders:read',
  tag: 'workorders',
  summary:
    'Production exceptions (异常) in the order they were raised, a page at a time; ?status=, ?kind=, ?workOrder=, ?raisedFrom=, ?raisedTo= (date-times, to exclusive)',
  query: {
    status: { enum: [...EXCEPTION_STATUSES] },
    kind: { enum: [...EXCEPTION_KINDS] },
    workOrder: { type: 'string' },
    raisedFrom: { type: 'string', format: 'date-time' },
    raisedTo: { type: 'string', format: 'date-time' },
    ...pageParameters,
  },
  response: pageSchema(exceptionSchema),
  async handle({ em, query }) {
    const size = pageSizeOf(query.limit);
    const status = enumFilter('status', query.status, EXCEPTION_STATUSES);
    const kind = enumFilter('kind', query.kind, EXCEPTION_KINDS);
    const raisedAt = spanFilter(
      instantFilter('raisedFrom', query.raisedFrom),
      instantFilter('raisedTo', query.raisedTo),
    );
    const order =
      query.workOrder === undefined
        ? undefined
        : await em.findOne(WorkOrder, { number: query.workOrder.toUpperCase() });
    if (query.workOrder !== undefined && !order) return { body: { items: [], nextCursor: null } };
    const where: FilterQuery<ProductionException> = {
      ...(query.cursor === undefined ? {} : { id: { $gt: decodeCursor<number>(query.cursor, 'number') } }),
      ...(status === undefined ? {} : { status }),
      ...(kind === undefined ? {} : { kind }),
      ...(order ? { workOrder: order } : {}),
      ...(raisedAt === undefined ? {} : { raisedAt }),
    };
    const rows = await em.find(ProductionException, where, {
      orderBy: { id: 'asc' },
      limit: size + 1,
      populate: POPULATE,
    });
    return { body: pageOf(rows, size, (e) => e.id, exceptionView) };
  },
});

export const getExceptionRoute = defineRoute({
  method: 'get',
  path: '/exceptions/:id',
  scope: 'workorders:read',
  tag: 'workorders',
  summary: 'One production exception by its number (E12 or 12), with who raised, took and closed it',
  response: exceptionSchema,
  etag: true,
  async handle({ em, params }) {
    const ref = params.id ?? '';
    const id = Number(/^E?(\d+)$/i.exec(ref.trim())?.[1]);
    const exception = Number.isSafeInteger(id)
      ? await em.findOne(ProductionException, id, { populate: POPULATE })
      : null;
    if (!exception) throw new NotFoundError('exception', ref);
    const view = exceptionView(exception);
    return { body: view, etag: etagOf(view) };
  },
});
