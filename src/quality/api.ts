import { defineRoute } from '../http/api/api-route.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { MAX_TRACE_CODE, traceCode, type TraceKind } from './trace-service.js';

const when = { type: 'string', format: 'date-time' } as const;
const nullableWhen = { type: ['string', 'null'], format: 'date-time' } as const;

const lotTrace = {
  type: 'object',
  required: ['lotNumber', 'itemCode', 'itemName', 'unit', 'received', 'remaining', 'receivedAt', 'issues'],
  properties: {
    lotNumber: { type: 'string' },
    itemCode: { type: 'string' },
    itemName: { type: 'string' },
    unit: { type: 'string' },
    received: { type: 'number' },
    remaining: { type: 'number' },
    receivedAt: when,
    issues: {
      type: 'array',
      items: {
        type: 'object',
        required: ['order', 'itemName', 'status', 'quantity', 'firstAt'],
        properties: {
          order: { type: 'string' },
          itemName: { type: 'string' },
          status: { type: 'string' },
          quantity: { type: 'number' },
          firstAt: when,
        },
      },
    },
  },
} as const;

const orderTrace = {
  type: 'object',
  required: [
    'number',
    'itemName',
    'quantity',
    'status',
    'dueDate',
    'lots',
    'operations',
    'outsourcing',
    'exceptions',
  ],
  properties: {
    number: { type: 'string' },
    itemName: { type: 'string' },
    quantity: { type: 'integer' },
    status: { type: 'string' },
    dueDate: { type: 'string' },
    customer: { type: ['string', 'null'] },
    lots: { type: 'array', items: { type: 'object' } },
    operations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sequence', 'name', 'good', 'scrap', 'people', 'teams', 'machines'],
        properties: {
          sequence: { type: 'integer' },
          name: { type: 'string' },
          good: { type: 'integer' },
          scrap: { type: 'integer' },
          people: { type: 'array', items: { type: 'string' } },
          teams: { type: 'array', items: { type: 'string' } },
          machines: { type: 'array', items: { type: 'string' } },
          firstReportAt: nullableWhen,
          lastReportAt: nullableWhen,
          inspections: { type: 'array', items: { type: 'object' } },
        },
      },
    },
    outsourcing: { type: 'array', items: { type: 'object' } },
    exceptions: { type: 'array', items: { type: 'object' } },
  },
} as const;

/**
 * The trace of a lot (every order that drew from it) or of a work order (its lots, people,
 * machines, outsourcing and exceptions), as `追溯` answers it in chat. A code that is both is
 * refused with 409 unless `kind` says which.
 */
export const traceRoute = defineRoute({
  method: 'get',
  path: '/trace/:code',
  scope: 'quality:read',
  tag: 'quality',
  summary: 'Trace a material lot or a work order (kind=lot|order when a code is both)',
  query: { kind: { enum: ['lot', 'order'] } },
  conflicts: true,
  response: {
    oneOf: [
      { type: 'object', required: ['kind', 'lot'], properties: { kind: { const: 'lot' }, lot: lotTrace } },
      {
        type: 'object',
        required: ['kind', 'order'],
        properties: { kind: { const: 'order' }, order: orderTrace },
      },
    ],
  },
  async handle({ em, params, query, services }) {
    const code = params.code ?? '';
    const kind = query.kind === 'lot' || query.kind === 'order' ? (query.kind as TraceKind) : undefined;
    if (code.length > MAX_TRACE_CODE) throw new NotFoundError('lot or work order', code);
    const found = await traceCode(em, code, kind, services.config.outsourcing.states);
    switch (found.kind) {
      case 'lot':
        return { body: { kind: 'lot', lot: found.trace } };
      case 'order':
        return { body: { kind: 'order', order: found.trace } };
      case 'ambiguous':
        throw new ConflictError(
          'ambiguous_code',
          `${code} is both a lot and a work order: add ?kind=lot or ?kind=order`,
          {
            code,
          },
        );
      case 'not_found':
        throw new NotFoundError('lot or work order', code);
    }
  },
});
