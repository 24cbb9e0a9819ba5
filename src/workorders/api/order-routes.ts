import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { unitOf } from '../../app-services.js';
import { apiActor } from '../../http/api/api-actor.js';
import { defineRoute } from '../../http/api/api-route.js';
import { decodeCursor, pageOf, pageParameters, pageSchema, pageSizeOf } from '../../http/api/cursor-page.js';
import { assertIfMatch, etagOf } from '../../http/api/preconditions.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { OperationTask } from '../operation-task.entity.js';
import { cancelWorkOrder } from '../order-changes.js';
import { loadOrder, type OrderWithTasks } from '../task-lookup.js';
import { createWorkOrder, dueDateOf, releaseWorkOrder } from '../work-order-service.js';
import { WORK_ORDER_STATUSES, WorkOrder } from '../work-order.entity.js';
import { operationView, workOrderSchema, workOrderView, workOrderWithOperationsSchema } from './views.js';

const withOperations = ({ order, tasks }: OrderWithTasks) => ({
  ...workOrderView(order),
  operations: tasks.map(operationView),
});

/** 404 for a number that names nothing, before the order row is locked for a change. */
async function existingOrder(em: EntityManager, number: string): Promise<OrderWithTasks> {
  if ((await em.count(WorkOrder, { number: number.toUpperCase() })) === 0)
    throw new NotFoundError('work order', number);
  return loadOrder(em, number);
}

interface NewOrderBody {
  number?: string;
  item: string;
  quantity: number;
  dueDate: string;
  customer?: string | null;
  priority?: number;
}

export const createWorkOrderRoute = defineRoute<NewOrderBody>({
  method: 'post',
  path: '/work-orders',
  scope: 'workorders:write',
  tag: 'workorders',
  summary: "Create a work order (计划) with one operation per step of the item's routing, as 新建工单 does",
  status: 201,
  idempotent: true,
  etag: true,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['item', 'quantity', 'dueDate'],
    properties: {
      number: {
        type: 'string',
        minLength: 1,
        maxLength: 32,
        description: "The ERP's number; WO-<date>-<n> when absent",
      },
      item: { type: 'string', minLength: 1, maxLength: 64 },
      quantity: { type: 'integer', minimum: 1, maximum: 10000000 },
      dueDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      customer: { type: ['string', 'null'], maxLength: 100 },
      priority: { type: 'integer', minimum: 1, maximum: 5 },
    },
  },
  response: workOrderWithOperationsSchema,
  async handle(request) {
    const { body, em, services } = request;
    const order = await createWorkOrder(
      unitOf(services, em),
      apiActor(request),
      {
        itemCode: body.item,
        quantity: body.quantity,
        dueDate: dueDateOf(body.dueDate, services.clock.now(), services.tz),
        customer: body.customer ?? null,
        ...(body.priority === undefined ? {} : { priority: body.priority }),
        ...(body.number === undefined ? {} : { number: body.number }),
      },
      services.tz,
    );
    const view = withOperations(await loadOrder(em, order.number));
    return { status: 201, body: view, etag: etagOf(view) };
  },
});

export const releaseWorkOrderRoute = defineRoute({
  method: 'post',
  path: '/work-orders/:number/release',
  scope: 'workorders:write',
  tag: 'workorders',
  summary: 'Release a planned work order to the shop floor (下达)',
  ifMatch: 'required',
  etag: true,
  response: workOrderWithOperationsSchema,
  async handle(request) {
    const { em, params, services, ifMatch } = request;
    const loaded = await existingOrder(em, params.number ?? '');
    assertIfMatch(ifMatch, etagOf(withOperations(loaded)));
    await releaseWorkOrder(unitOf(services, em), apiActor(request), loaded.order);
    await em.flush();
    const view = withOperations(loaded);
    return { body: view, etag: etagOf(view) };
  },
});

export const cancelWorkOrderRoute = defineRoute<{ reason: string }>({
  method: 'post',
  path: '/work-orders/:number/cancel',
  scope: 'workorders:write',
  tag: 'workorders',
  summary:
    'Cancel an open work order (取消工单); reports already made stay, whoever holds an operation is told',
  ifMatch: 'required',
  etag: true,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['reason'],
    properties: { reason: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  response: workOrderWithOperationsSchema,
  async handle(request) {
    const { em, params, services, ifMatch, body } = request;
    const loaded = await existingOrder(em, params.number ?? '');
    assertIfMatch(ifMatch, etagOf(withOperations(loaded)));
    await cancelWorkOrder(unitOf(services, em), apiActor(request), loaded, body.reason);
    await em.flush();
    const view = withOperations(loaded);
    return { body: view, etag: etagOf(view) };
  },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateFilter(name: string, value: string | undefined): string | undefined {
  if (value === undefined || DATE.test(value)) return value;
  throw new ValidationError(`${name} must be YYYY-MM-DD.`, { errors: [`query.${name}: must be YYYY-MM-DD`] });
}

export const listWorkOrdersRoute = defineRoute({
  method: 'get',
  path: '/work-orders',
  scope: 'workorders:read',
  tag: 'workorders',
  summary: 'Work orders in the order they were made, a page at a time; ?status=, ?item=, ?dueFrom=, ?dueTo=',
  query: {
    status: { enum: [...WORK_ORDER_STATUSES] },
    item: { type: 'string' },
    dueFrom: { type: 'string', format: 'date' },
    dueTo: { type: 'string', format: 'date' },
    ...pageParameters,
  },
  response: pageSchema(workOrderSchema),
  async handle({ em, query }) {
    const size = pageSizeOf(query.limit);
    const status = query.status;
    if (status !== undefined && !(WORK_ORDER_STATUSES as readonly string[]).includes(status))
      throw new ValidationError(`Unknown status "${status}".`, { allowed: WORK_ORDER_STATUSES });
    const from = dateFilter('dueFrom', query.dueFrom);
    const to = dateFilter('dueTo', query.dueTo);
    const where: FilterQuery<WorkOrder> = {
      ...(query.cursor === undefined ? {} : { id: { $gt: decodeCursor<number>(query.cursor, 'number') } }),
      ...(status === undefined ? {} : { status: status as WorkOrder['status'] }),
      ...(query.item === undefined ? {} : { item: query.item.toUpperCase() }),
      ...(from === undefined && to === undefined
        ? {}
        : {
            dueDate: {
              ...(from === undefined ? {} : { $gte: from }),
              ...(to === undefined ? {} : { $lte: to }),
            },
          }),
    };
    const rows = await em.find(WorkOrder, where, { orderBy: { id: 'asc' }, limit: size + 1 });
    return { body: pageOf(rows, size, (o) => o.id, workOrderView) };
  },
});

export const getWorkOrderRoute = defineRoute({
  method: 'get',
  path: '/work-orders/:number',
  scope: 'workorders:read',
  tag: 'workorders',
  summary: 'One work order with its operations and their totals',
  response: workOrderWithOperationsSchema,
  etag: true,
  async handle({ em, params }) {
    const order = await em.findOne(WorkOrder, { number: (params.number ?? '').toUpperCase() });
    if (!order) throw new NotFoundError('work order', params.number ?? '');
    const tasks = await em.find(
      OperationTask,
      { workOrder: order },
      { orderBy: { sequence: 'asc' }, populate: ['assignee', 'team', 'equipment'] },
    );
    const view = withOperations({ order, tasks });
    return { body: view, etag: etagOf(view) };
  },
});
