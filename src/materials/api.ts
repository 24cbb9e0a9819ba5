import { rowReadLock } from '../db/locking.js';
import type { EntityManager } from '@mikro-orm/core';
import { defineRoute } from '../http/api/api-route.js';
import {
  decodeCursor,
  feedOf,
  feedParameters,
  pageOf,
  pageParameters,
  pageSchema,
  pageSizeOf,
} from '../http/api/cursor-page.js';
import { assertIfMatch, etagOf } from '../http/api/preconditions.js';
import { businessInstant } from '../shared/bounds/business-time.js';
import { NotFoundError, RefusedError } from '../shared/errors.js';
import { Item } from '../workorders/item.entity.js';
import { MaterialIssue } from './material-issue.entity.js';
import { MaterialLot } from './material-lot.entity.js';
import { materialMessages as m } from './messages.js';

const lotSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['lotNumber', 'item', 'quantity', 'remaining', 'receivedAt', 'supplier'],
  properties: {
    lotNumber: { type: 'string' },
    item: { type: 'string' },
    quantity: { type: 'number' },
    remaining: { type: 'number' },
    receivedAt: { type: 'string' },
    supplier: { type: ['string', 'null'] },
  },
};

const issueSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'lot', 'item', 'workOrder', 'operation', 'quantity', 'issuedBy', 'issuedAt'],
  properties: {
    id: { type: 'integer' },
    lot: { type: 'string' },
    item: { type: 'string' },
    workOrder: { type: 'string' },
    operation: { type: ['integer', 'null'] },
    quantity: { type: 'number' },
    issuedBy: { type: 'string' },
    issuedAt: { type: 'string' },
  },
};

const lotView = (lot: MaterialLot) => ({
  lotNumber: lot.lotNumber,
  item: lot.item.code,
  quantity: lot.quantity,
  remaining: lot.remaining,
  receivedAt: lot.receivedAt.toISOString(),
  supplier: lot.supplier ?? null,
});

const issueView = (issue: MaterialIssue) => ({
  id: issue.id,
  lot: issue.lot.lotNumber,
  item: issue.lot.item.code,
  workOrder: issue.workOrder.number,
  operation: issue.task?.sequence ?? null,
  quantity: issue.quantity,
  issuedBy: issue.issuedBy.id,
  issuedAt: issue.issuedAt.toISOString(),
});

async function lotOrNotFound(em: EntityManager, lotNumber: string): Promise<MaterialLot> {
  const lot = await em.findOne(MaterialLot, { lotNumber: lotNumber.toUpperCase() });
  if (!lot) throw new NotFoundError('lot', lotNumber);
  return lot;
}

interface LotBody {
  item: string;
  quantity: number;
  receivedAt: string;
  supplier?: string | null;
}

/**
 * A lot as the ERP received it. A changed quantity moves what remains by the same amount
 * (what was issued stays issued), so it cannot drop below what has gone out already.
 */
export const putLotRoute = defineRoute<LotBody>({
  method: 'put',
  path: '/lots/:lotNumber',
  scope: 'materials:write',
  tag: 'materials',
  summary:
    'Create or update a material lot (批次) as received, with its supplier; If-Match, when sent, must be its current ETag',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['item', 'quantity', 'receivedAt'],
    properties: {
      item: { type: 'string', minLength: 1, maxLength: 64 },
      quantity: { type: 'number', exclusiveMinimum: 0, maximum: 1e9 },
      receivedAt: { type: 'string', minLength: 1, maxLength: 40 },
      // Who delivered the lot, as the ERP names them; left out, the lot has none on record.
      supplier: { type: ['string', 'null'], minLength: 1, maxLength: 100 },
    },
  },
  response: lotSchema,
  etag: true,
  ifMatch: 'optional',
  async handle({ em, params, body, services, ifMatch }) {
    const lotNumber = (params.lotNumber ?? '').toUpperCase();
    const item = await em.findOne(Item, body.item.toUpperCase());
    if (!item) throw new RefusedError('item_not_found', m.itemNotFound(body.item), { item: body.item });
    const receivedAt = businessInstant('receivedAt', body.receivedAt, services.clock.now());
    const supplier = body.supplier?.trim() || null;
    const existing = await em.findOne(MaterialLot, { lotNumber });
    if (ifMatch !== undefined) assertIfMatch(ifMatch, existing ? etagOf(lotView(existing)) : '"none"');
    let lot: MaterialLot;
    if (existing) {
      if (existing.item.code !== item.code)
        throw new RefusedError('lot_item_changed', m.lotItemChanged(lotNumber, existing.item.code));
      const issued = existing.quantity - existing.remaining;
      if (body.quantity < issued)
        throw new RefusedError(
          'lot_below_issued',
          m.lotBelowIssued(lotNumber, body.quantity, issued, item.unit),
          {
            issued,
          },
        );
      lot = Object.assign(existing, {
        quantity: body.quantity,
        remaining: body.quantity - issued,
        receivedAt,
        supplier,
      });
    } else {
      lot = em.create(MaterialLot, {
        lotNumber,
        item,
        quantity: body.quantity,
        remaining: body.quantity,
        receivedAt,
        supplier,
      });
    }
    await em.flush();
    const view = lotView(lot);
    return { body: view, etag: etagOf(view) };
  },
});

export const listLotsRoute = defineRoute({
  method: 'get',
  path: '/lots',
  scope: 'materials:read',
  tag: 'materials',
  summary: 'Material lots in lot-number order, a page at a time; ?item=',
  query: { item: { type: 'string' }, ...pageParameters },
  response: pageSchema(lotSchema),
  async handle({ em, query }) {
    const size = pageSizeOf(query.limit);
    const rows = await em.find(
      MaterialLot,
      {
        ...(query.cursor === undefined
          ? {}
          : { lotNumber: { $gt: decodeCursor<string>(query.cursor, 'string') } }),
        ...(query.item === undefined ? {} : { item: query.item.toUpperCase() }),
      },
      { orderBy: { lotNumber: 'asc' }, limit: size + 1 },
    );
    return { body: pageOf(rows, size, (l) => l.lotNumber, lotView) };
  },
});

export const getLotRoute = defineRoute({
  method: 'get',
  path: '/lots/:lotNumber',
  scope: 'materials:read',
  tag: 'materials',
  summary: 'One material lot with what remains of it',
  response: lotSchema,
  etag: true,
  async handle({ em, params }) {
    const view = lotView(await lotOrNotFound(em, params.lotNumber ?? ''));
    return { body: view, etag: etagOf(view) };
  },
});

export const listIssuesRoute = defineRoute({
  method: 'get',
  path: '/material-issues',
  scope: 'materials:read',
  tag: 'materials',
  summary:
    'Material issues (领料) after a cursor, oldest first; nextCursor is where to continue from, also on the last page',
  query: feedParameters,
  response: pageSchema(issueSchema),
  async handle({ em, query }) {
    const read = (after: number | undefined, limit: number) =>
      em.find(MaterialIssue, after === undefined ? {} : { id: { $gt: after } }, {
        orderBy: { id: 'asc' },
        limit,
        ...rowReadLock(em),
        populate: ['lot', 'workOrder', 'task'],
      });
    return { body: await feedOf(query, read, issueView) };
  },
});

export const materialApiRoutes = [putLotRoute, listLotsRoute, getLotRoute, listIssuesRoute];
