import { unitOf } from '../app-services.js';
import { apiActor } from '../http/api/api-actor.js';
import { defineRoute } from '../http/api/api-route.js';
import { nullable, object } from '../http/api/schema-shapes.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import { INSPECTION_KINDS } from './inspections/inspection.entity.js';
import { recordParameters } from './parameters/parameter-service.js';
import { parameterView } from './parameters/parameter-view.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { MAX_TRACE_CODE, traceCode, type TraceKind } from './trace-service.js';

const when = { type: 'string', format: 'date-time' } as const;
const nullableWhen = { type: ['string', 'null'], format: 'date-time' } as const;

const serialSpan = {
  type: ['object', 'null'],
  description: 'The serials of the order’s accepted pieces: how many, the lowest and the highest',
  required: ['count', 'first', 'last'],
  properties: { count: { type: 'integer' }, first: { type: 'string' }, last: { type: 'string' } },
} as const;

const lotTrace = object({
  lotNumber: { type: 'string' },
  itemCode: { type: 'string' },
  itemName: { type: 'string' },
  unit: { type: 'string' },
  received: { type: 'number' },
  remaining: { type: 'number' },
  receivedAt: when,
  supplier: nullable('string'),
  issues: {
    type: 'array',
    items: object({
      order: { type: 'string' },
      itemName: { type: 'string' },
      customer: nullable('string'),
      status: { type: 'string' },
      quantity: { type: 'number' },
      firstAt: when,
      serials: serialSpan,
    }),
  },
});

const inspection = object({
  kind: { enum: [...INSPECTION_KINDS] },
  inspector: { type: 'string', description: 'Their name' },
  at: when,
  accepted: { type: 'integer' },
  rejected: { type: 'integer' },
  rework: { type: 'integer' },
  reasonCode: nullable('string'),
  note: { ...nullable('string'), description: 'What was measured (名=值), as typed' },
  outOfLimits: {
    type: 'array',
    items: { type: 'string' },
    description: 'Measured values outside the routing’s 检验特性 limits, with the limits',
  },
  photos: {
    type: 'array',
    items: { type: 'integer' },
    description: 'Ids of the photos attached to it, oldest first (chat offers them as links)',
  },
});

const orderTrace = object({
  number: { type: 'string' },
  itemName: { type: 'string' },
  quantity: { type: 'integer' },
  status: { type: 'string' },
  dueDate: { type: 'string' },
  customer: nullable('string'),
  lots: {
    type: 'array',
    items: object({
      lotNumber: { type: 'string' },
      itemName: { type: 'string' },
      unit: { type: 'string' },
      quantity: { type: 'number' },
      supplier: nullable('string'),
    }),
  },
  operations: {
    type: 'array',
    items: object({
      sequence: { type: 'integer' },
      name: { type: 'string' },
      good: { type: 'integer' },
      scrap: { type: 'integer' },
      people: { type: 'array', items: { type: 'string' } },
      teams: { type: 'array', items: { type: 'string' } },
      machines: { type: 'array', items: { type: 'string' } },
      firstReportAt: nullableWhen,
      lastReportAt: nullableWhen,
      inspections: {
        type: 'array',
        description: 'Each 首检, 巡检 and 终检, in the order made',
        items: inspection,
      },
      parameters: {
        type: 'array',
        items: object({
          report: { type: 'integer' },
          name: { type: 'string' },
          unit: { type: 'string' },
          value: { type: 'number' },
          min: nullable('number'),
          max: nullable('number'),
          outOfLimits: { type: 'boolean' },
          exceptionId: nullable('integer'),
          at: when,
        }),
      },
    }),
  },
  outsourcing: {
    type: 'array',
    items: object({
      number: { type: 'string' },
      partner: { type: 'string' },
      process: { type: 'string' },
      quantity: { type: 'integer' },
      state: { type: 'string', description: 'The configured state name' },
      shipDate: { type: 'string', format: 'date' },
      returnedAt: nullableWhen,
      returned: { type: 'integer' },
      qcResult: nullable('string'),
      operation: { ...nullable('string'), description: 'The operation the partner did, if sent for one' },
      qc: {
        ...object({
          accepted: { type: 'integer' },
          concession: { type: 'integer' },
          rejected: { type: 'integer' },
          rework: { type: 'integer' },
          reasonCodes: { type: 'array', items: { type: 'string' } },
        }),
        description: '外协质检 counts over the pieces back',
      },
    }),
  },
  exceptions: {
    type: 'array',
    items: object({
      id: { type: 'integer' },
      kind: { type: 'string' },
      reason: { type: 'string' },
      status: { type: 'string' },
      raisedBy: { type: 'string', description: 'Their name' },
      raisedAt: when,
      operation: nullable('string'),
      closedAt: nullableWhen,
    }),
  },
  serials: serialSpan,
});

const serialOrigin = object({
  number: { type: 'string' },
  order: { type: 'string' },
  lot: { type: 'string', description: 'The output lot the piece belongs to' },
  source: { enum: ['assigned', 'scanned'] },
  inspectedAt: when,
  inspector: { type: 'string' },
});

const TRACE_KINDS: readonly TraceKind[] = ['lot', 'order', 'serial'];

/**
 * The trace of a lot (every order that drew from it), of a work order (its lots, people,
 * machines, outsourcing and exceptions) or of a serial (its order's trace, naming the piece),
 * as `追溯` answers it in chat. A code that names two of them is refused with 409 unless `kind`
 * says which.
 */
export const traceRoute = defineRoute({
  method: 'get',
  path: '/trace/:code',
  scope: 'quality:read',
  tag: 'quality',
  summary:
    'Trace a material lot, a work order or a serial number (kind=lot|order|serial when a code names two)',
  query: { kind: { enum: [...TRACE_KINDS] } },
  conflicts: true,
  response: {
    oneOf: [
      { type: 'object', required: ['kind', 'lot'], properties: { kind: { const: 'lot' }, lot: lotTrace } },
      {
        type: 'object',
        required: ['kind', 'order'],
        properties: { kind: { const: 'order' }, order: orderTrace },
      },
      {
        type: 'object',
        required: ['kind', 'serial', 'order'],
        properties: { kind: { const: 'serial' }, serial: serialOrigin, order: orderTrace },
      },
    ],
  },
  async handle({ em, params, query, services }) {
    const code = params.code ?? '';
    const kind = TRACE_KINDS.find((k) => k === query.kind);
    if (code.length > MAX_TRACE_CODE) throw new NotFoundError('lot, work order or serial', code);
    const found = await traceCode(em, code, kind, services.config.outsourcing.states);
    switch (found.kind) {
      case 'lot':
        return { body: { kind: 'lot', lot: found.trace } };
      case 'order':
        return { body: { kind: 'order', order: found.trace } };
      case 'serial':
        return { body: { kind: 'serial', serial: found.serial, order: found.trace } };
      case 'ambiguous':
        throw new ConflictError(
          'ambiguous_code',
          `${code} is a ${found.kinds.join(' and a ')}: add ${found.kinds.map((k) => `?kind=${k}`).join(' or ')}`,
          // Not `code`: that key is the problem's own code (ambiguous_code).
          { traced: code, kinds: found.kinds },
        );
      case 'not_found':
        throw new NotFoundError('lot, work order or serial', code);
    }
  },
});

const readingSchema = {
  type: 'object',
  required: ['name', 'unit', 'value', 'min', 'max', 'outOfLimits', 'exceptionId', 'source', 'recordedAt'],
  properties: {
    name: { type: 'string' },
    unit: { type: 'string' },
    value: { type: 'number' },
    min: { type: ['number', 'null'] },
    max: { type: ['number', 'null'] },
    outOfLimits: { type: 'boolean' },
    exceptionId: {
      type: ['integer', 'null'],
      description: 'The quality exception (E<n>) an out-of-limit value raised',
    },
    source: { type: 'string' },
    recordedAt: when,
  },
} as const;

/**
 * A gateway (a PLC, a torque tool) posts the process parameters of a report. A replay with the
 * same values changes nothing and raises nothing again; a different value for a stored name is
 * refused (422), as is a name the operation does not declare.
 */
export const reportParametersRoute = defineRoute<{ values: Array<{ name: string; value: number }> }>({
  method: 'post',
  path: '/work-reports/:id/parameters',
  scope: 'quality:write',
  tag: 'quality',
  summary:
    'Record the process parameters (工艺参数) of a work report; out-of-limit values raise a quality exception once',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['values'],
    properties: {
      values: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'value'],
          properties: { name: { type: 'string', minLength: 1, maxLength: 32 }, value: { type: 'number' } },
        },
      },
    },
  },
  response: {
    type: 'object',
    required: ['report', 'readings'],
    properties: { report: { type: 'integer' }, readings: { type: 'array', items: readingSchema } },
  },
  async handle(request) {
    const { body, em, params, services } = request;
    const id = params.id ?? '';
    if (!/^\d{1,10}$/.test(id)) throw new NotFoundError('work report', id);
    const report = await em.findOne(WorkReport, Number(id), { populate: ['task.workOrder.item', 'person'] });
    if (!report) throw new NotFoundError('work report', id);
    const readings = await recordParameters(
      unitOf(services, em),
      apiActor(request),
      report,
      body.values,
      'api',
    );
    await em.flush();
    return {
      body: {
        report: report.id,
        readings: readings.map((r) => ({ ...parameterView(r), source: r.source, recordedAt: r.recordedAt })),
      },
    };
  },
});
