import type { EntityManager } from '@mikro-orm/core';
import { defineRoute } from '../http/api/api-route.js';
import {
  decodeCursor,
  encodeCursor,
  pageParameters,
  pageSchema,
  pageSizeOf,
} from '../http/api/cursor-page.js';
import { assertIfMatch, etagOf } from '../http/api/preconditions.js';
import { NotFoundError } from '../shared/errors.js';
import { Item } from '../workorders/item.entity.js';
import { BomLine } from './bom-line.entity.js';
import { bomOf, replaceBom, type BomLineInput } from './bom-service.js';

const lineSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['component', 'componentName', 'quantityPer', 'unit'],
  properties: {
    component: { type: 'string' },
    componentName: { type: 'string' },
    quantityPer: { type: 'number', description: 'of the component per piece of the item' },
    unit: { type: 'string' },
  },
};

const bomSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['item', 'lines'],
  properties: { item: { type: 'string' }, lines: { type: 'array', items: lineSchema } },
};

const lineView = (l: BomLine) => ({
  component: l.component.code,
  componentName: l.component.name,
  quantityPer: l.quantityPer,
  unit: l.unit,
});

async function bomView(em: EntityManager, item: Item) {
  return { item: item.code, lines: (await bomOf(em, item)).map(lineView) };
}

async function itemOrNotFound(em: EntityManager, code: string): Promise<Item> {
  const item = await em.findOne(Item, code.toUpperCase());
  if (!item) throw new NotFoundError('item', code);
  return item;
}

export const putBomRoute = defineRoute<{ lines: BomLineInput[] }>({
  method: 'put',
  path: '/items/:code/bom',
  scope: 'masterdata:write',
  tag: 'planning',
  summary:
    "Replace an item's bill of material (物料清单) with these lines; components must be known items, in their own unit",
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['lines'],
    properties: {
      lines: {
        type: 'array',
        maxItems: 500,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['component', 'quantityPer'],
          properties: {
            component: { type: 'string', minLength: 1, maxLength: 64 },
            quantityPer: { type: 'number', exclusiveMinimum: 0, maximum: 1e6 },
            unit: { type: 'string', minLength: 1, maxLength: 16 },
          },
        },
      },
    },
  },
  response: bomSchema,
  etag: true,
  ifMatch: 'optional',
  async handle({ em, params, body, ifMatch }) {
    const item = await itemOrNotFound(em, params.code ?? '');
    if (ifMatch !== undefined) assertIfMatch(ifMatch, etagOf(await bomView(em, item)));
    await replaceBom(em, item, body.lines);
    const view = await bomView(em, item);
    return { body: view, etag: etagOf(view) };
  },
});

export const getBomRoute = defineRoute({
  method: 'get',
  path: '/items/:code/bom',
  scope: 'workorders:read',
  tag: 'planning',
  summary: "One item's bill of material, in component-code order (empty when it has none)",
  response: bomSchema,
  etag: true,
  async handle({ em, params }) {
    const view = await bomView(em, await itemOrNotFound(em, params.code ?? ''));
    return { body: view, etag: etagOf(view) };
  },
});

export const listBomsRoute = defineRoute({
  method: 'get',
  path: '/boms',
  scope: 'workorders:read',
  tag: 'planning',
  summary:
    'The items that have a bill of material, each with its lines, in item-code order, a page at a time',
  query: pageParameters,
  response: pageSchema(bomSchema),
  async handle({ em, query }) {
    const size = pageSizeOf(query.limit);
    const after = query.cursor === undefined ? undefined : decodeCursor<string>(query.cursor, 'string');
    const parents = (
      await em.find(BomLine, after === undefined ? {} : { parent: { $gt: after } }, {
        fields: ['parent'],
        orderBy: { parent: 'asc' },
      })
    ).map((l) => l.parent.code);
    const page = [...new Set(parents)].slice(0, size + 1);
    const shown = page.slice(0, size);
    const lines =
      shown.length === 0
        ? []
        : await em.find(BomLine, { parent: { $in: shown } }, { populate: ['component'] });
    const items = shown.map((code) => ({
      item: code,
      lines: lines
        .filter((l) => l.parent.code === code)
        .sort((a, b) => a.component.code.localeCompare(b.component.code))
        .map(lineView),
    }));
    return { body: { items, nextCursor: page.length > size ? encodeCursor(shown.at(-1)!) : null } };
  },
});

export const planningApiRoutes = [listBomsRoute, getBomRoute, putBomRoute];
