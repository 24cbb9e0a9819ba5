import type { EntityManager } from '@mikro-orm/core';
import { defineRoute } from '../../http/api/api-route.js';
import { decodeCursor, pageOf, pageParameters, pageSchema, pageSizeOf } from '../../http/api/cursor-page.js';
import { assertIfMatch, etagOf } from '../../http/api/preconditions.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { Item, ITEM_KINDS, ITEM_SOURCES } from '../item.entity.js';
import {
  replaceRouting,
  routingParameterProblems,
  upsertItem,
  type ItemInput,
  type RoutingStepInput,
} from '../master-data-service.js';
import { RoutingStep } from '../routing-step.entity.js';
import {
  itemSchema,
  itemView,
  itemWithRoutingSchema,
  routingParameterSchema,
  routingStepView,
} from './views.js';

async function itemWithRouting(em: EntityManager, item: Item) {
  const steps = await em.find(RoutingStep, { item }, { orderBy: { sequence: 'asc' } });
  return { ...itemView(item), routing: steps.map(routingStepView) };
}

async function itemOrNotFound(em: EntityManager, code: string): Promise<Item> {
  const item = await em.findOne(Item, code.toUpperCase());
  if (!item) throw new NotFoundError('item', code);
  return item;
}

export const putItemRoute = defineRoute<ItemInput>({
  method: 'put',
  path: '/items/:code',
  scope: 'masterdata:write',
  tag: 'workorders',
  summary:
    'Create or update an item (物料) under the ERP code; If-Match, when sent, must be its current ETag. ' +
    "An item written here is the ERP's (`source: erp`, the default): chat refuses to change it, its routing or its BOM",
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      unit: { type: 'string', minLength: 1, maxLength: 16 },
      kind: { enum: [...ITEM_KINDS] },
      source: {
        enum: [...ITEM_SOURCES],
        description:
          'erp (the default): kept by the ERP, read-only in chat; local: planners may edit it in chat',
      },
      serialised: { type: 'boolean' },
    },
  },
  response: itemWithRoutingSchema,
  etag: true,
  ifMatch: 'optional',
  async handle({ em, params, body, ifMatch }) {
    const code = params.code ?? '';
    const existing = await em.findOne(Item, code.toUpperCase());
    if (ifMatch !== undefined)
      assertIfMatch(ifMatch, existing ? etagOf(await itemWithRouting(em, existing)) : '"none"');
    const item = await upsertItem(em, code, { ...body, source: body.source ?? 'erp' });
    await em.flush();
    const view = await itemWithRouting(em, item);
    return { body: view, etag: etagOf(view) };
  },
});

export const putRoutingRoute = defineRoute<{ steps: RoutingStepInput[] }>({
  method: 'put',
  path: '/items/:code/routing',
  scope: 'masterdata:write',
  tag: 'workorders',
  summary: "Replace an item's routing (工艺路线) with these steps; orders already made keep their operations",
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['steps'],
    properties: {
      steps: {
        type: 'array',
        maxItems: 200,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['sequence', 'name', 'standardMinutes'],
          properties: {
            sequence: { type: 'integer', minimum: 1, maximum: 9999 },
            name: { type: 'string', minLength: 1, maxLength: 64 },
            workCenter: { type: ['string', 'null'], maxLength: 64 },
            equipmentType: { type: ['string', 'null'], maxLength: 64 },
            standardMinutes: { type: 'number', minimum: 0, maximum: 100000, description: 'per piece' },
            setupMinutes: { type: 'number', minimum: 0, maximum: 100000, description: 'once per batch' },
            parameters: {
              type: 'array',
              maxItems: 20,
              description:
                '工艺参数 each report on the step records; a value outside min/max raises a quality exception',
              items: routingParameterSchema(),
            },
            characteristics: {
              type: 'array',
              maxItems: 20,
              description:
                '检验特性 QC measures (名=值); a value outside min/max is marked 超差 on the inspection',
              items: routingParameterSchema(),
            },
          },
        },
      },
    },
  },
  response: itemWithRoutingSchema,
  etag: true,
  ifMatch: 'optional',
  async handle({ em, params, body, ifMatch }) {
    const item = await itemOrNotFound(em, params.code ?? '');
    const sequences = body.steps.map((s) => s.sequence);
    if (new Set(sequences).size !== sequences.length)
      throw new ValidationError('Each step needs its own sequence number.', {
        errors: ['body.steps: duplicate sequence'],
      });
    const problems = body.steps.flatMap((s) =>
      (
        [
          ['parameter', s.parameters],
          ['characteristic', s.characteristics],
        ] as const
      ).flatMap(([what, list]) =>
        routingParameterProblems(list ?? []).map(
          (p) =>
            `body.steps[sequence ${s.sequence}]: ` +
            (p.kind === 'duplicate'
              ? `duplicate ${what} "${p.name}"`
              : `${what} "${p.name}": min ${p.min} is above max ${p.max}`),
        ),
      ),
    );
    if (problems.length > 0)
      throw new ValidationError(
        "A step's parameters and characteristics need distinct names and min ≤ max.",
        {
          errors: problems,
        },
      );
    if (ifMatch !== undefined) assertIfMatch(ifMatch, etagOf(await itemWithRouting(em, item)));
    await replaceRouting(em, item, body.steps);
    const view = await itemWithRouting(em, item);
    return { body: view, etag: etagOf(view) };
  },
});

export const listItemsRoute = defineRoute({
  method: 'get',
  path: '/items',
  scope: 'workorders:read',
  tag: 'workorders',
  summary: 'Items in code order, a page at a time',
  query: pageParameters,
  response: pageSchema(itemSchema),
  async handle({ em, query }) {
    const size = pageSizeOf(query.limit);
    const after = query.cursor === undefined ? undefined : decodeCursor<string>(query.cursor, 'string');
    const rows = await em.find(Item, after === undefined ? {} : { code: { $gt: after } }, {
      orderBy: { code: 'asc' },
      limit: size + 1,
    });
    return { body: pageOf(rows, size, (i) => i.code, itemView) };
  },
});

export const getItemRoute = defineRoute({
  method: 'get',
  path: '/items/:code',
  scope: 'workorders:read',
  tag: 'workorders',
  summary: 'One item with its routing',
  response: itemWithRoutingSchema,
  etag: true,
  async handle({ em, params }) {
    const view = await itemWithRouting(em, await itemOrNotFound(em, params.code ?? ''));
    return { body: view, etag: etagOf(view) };
  },
});
