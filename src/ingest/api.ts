import type { EntityManager } from '@mikro-orm/core';
import { unitOf } from '../app-services.js';
import { Equipment } from '../equipment/equipment.entity.js';
import { defineRoute } from '../http/api/api-route.js';
import { businessInstant } from '../shared/bounds/business-time.js';
import { NotFoundError } from '../shared/errors.js';
import type { GatewayReading } from './gateway-reading.entity.js';
import { ingestCountBatch, MAX_COUNT_BATCH } from './count-batch.js';
import { applyReadings, splitCount, storeReading, type CountInput } from './ingest-service.js';

const MAX_SEQ = Number.MAX_SAFE_INTEGER;
const device = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:/-]+$' };
const seq = { type: 'integer', minimum: 0, maximum: MAX_SEQ };
const at = { type: 'string', minLength: 1, maxLength: 40 };

const readingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['device', 'seq', 'state', 'duplicate', 'report', 'exception', 'issue', 'note'],
  properties: {
    device: { type: 'string' },
    seq: { type: 'integer' },
    state: {
      description:
        'reported / issued: became a work report / material issue; exception: no task ran (or the report was refused) and the machine’s run of such counts has this production exception; unassigned: the same on a machine that never had a work order; refused: kept, but wrong',
      enum: ['pending', 'reported', 'issued', 'exception', 'unassigned', 'refused'],
    },
    duplicate: {
      type: 'boolean',
      description:
        'This device sent this sequence number before: nothing changed, the first outcome is answered',
    },
    report: { type: ['integer', 'null'] },
    exception: { type: ['integer', 'null'] },
    issue: { type: ['integer', 'null'] },
    note: { type: ['string', 'null'] },
  },
};

const readingView = (r: GatewayReading, duplicate: boolean) => ({
  device: r.device,
  seq: r.seq,
  state: r.state,
  duplicate,
  report: r.report?.id ?? null,
  exception: r.exception?.id ?? null,
  issue: r.issue?.id ?? null,
  note: r.note ?? null,
});

interface CountBody {
  seq: number;
  count: number;
  good?: number;
  scrap?: number;
  device?: string;
  at?: string;
}

const countSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['seq', 'count'],
  properties: {
    seq,
    count: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    good: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    scrap: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    device,
    at,
  },
};

async function machineCode(em: EntityManager, param: string | undefined): Promise<string> {
  const code = (param ?? '').toUpperCase();
  if (!(await em.findOne(Equipment, code))) throw new NotFoundError('equipment', code);
  return code;
}

/** A counter's message as ingest takes it: good and scrap split, `device` the machine unless named. */
function countOf(code: string, body: CountBody, now: Date): CountInput {
  const { good, scrap } = splitCount(body.count, body.good, body.scrap);
  return {
    equipment: code,
    device: body.device ?? code,
    seq: body.seq,
    good,
    scrap,
    at: body.at === undefined ? now : businessInstant('at', body.at, now),
  };
}

/**
 * A PLC counter posts the pieces a machine made since its previous message. Idempotent on
 * (device, seq): a replay answers the first outcome and changes nothing.
 */
export const postCountsRoute = defineRoute<CountBody>({
  method: 'post',
  path: '/equipment/:code/counts',
  scope: 'ingest:write',
  tag: 'ingest',
  summary:
    'A gateway’s piece count for a machine (pieces since its previous message, numbered by `seq` per device; `device` defaults to the machine code): a work report on the task running there (channel gateway), else a production exception, once per run of such counts. A replayed (device, seq) changes nothing.',
  body: countSchema,
  status: 201,
  response: readingSchema,
  conflicts: true,
  async handle({ em, params, body, services }) {
    const code = await machineCode(em, params.code);
    const now = services.clock.now();
    const stored = await storeReading(em, countOf(code, body, now), now);
    if (stored.fresh) await applyReadings(unitOf(services, em), [stored.reading], { refuseWeighings: true });
    return { status: 201, body: readingView(stored.reading, !stored.fresh) };
  },
});

/**
 * A gateway that buffers (a PLC polled every few seconds, a link that was down) posts its
 * counts for a machine at once: one transaction, one work report for the new ones together,
 * in any order; a (device, seq) replayed, in the batch or from before, changes nothing.
 */
export const postCountBatchRoute = defineRoute<{ readings: CountBody[] }>({
  method: 'post',
  path: '/equipment/:code/counts/batch',
  scope: 'ingest:write',
  tag: 'ingest',
  summary: `Up to ${MAX_COUNT_BATCH} piece counts of a machine at once, in one transaction (as POST …/counts, in any order): the new ones together become one work report on the task running there, else join the machine's exception run. Readings are answered in the order sent; a (device, seq) sent before, or earlier in the batch, is a duplicate and changes nothing. A count that does not add up refuses the whole batch.`,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['readings'],
    properties: { readings: { type: 'array', minItems: 1, maxItems: MAX_COUNT_BATCH, items: countSchema } },
  },
  status: 201,
  response: {
    type: 'object',
    additionalProperties: false,
    required: ['stored', 'duplicates', 'readings'],
    properties: {
      stored: { type: 'integer', description: 'Readings new to this batch' },
      duplicates: { type: 'integer' },
      readings: { type: 'array', items: readingSchema },
    },
  },
  conflicts: true,
  async handle({ em, params, body, services }) {
    const code = await machineCode(em, params.code);
    const now = services.clock.now();
    const counts = body.readings.map((r) => countOf(code, r, now));
    const batch = await ingestCountBatch(unitOf(services, em), counts, now);
    const duplicates = batch.filter((b) => b.duplicate).length;
    return {
      status: 201,
      body: {
        stored: batch.length - duplicates,
        duplicates,
        readings: batch.map((b) => readingView(b.reading, b.duplicate)),
      },
    };
  },
});

interface WeighingBody {
  order: string;
  weight: number;
  unit?: string;
  device: string;
  seq: number;
  at?: string;
}

/**
 * A weighing scale posts what it weighed out of a lot for a work order: a material issue
 * (领料) booked to the gateway's person. Idempotent on (device, seq); a refusal changes nothing.
 */
export const postWeighingRoute = defineRoute<WeighingBody>({
  method: 'post',
  path: '/lots/:lotNumber/weighings',
  scope: 'ingest:write',
  tag: 'ingest',
  summary:
    'A weighing scale’s weight of a lot for a work order (in the lot’s unit; `unit`, when sent, must be it): a material issue. A replayed (device, seq) changes nothing.',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['order', 'weight', 'device', 'seq'],
    properties: {
      order: { type: 'string', minLength: 1, maxLength: 32 },
      weight: { type: 'number', exclusiveMinimum: 0, maximum: 1e9 },
      unit: { type: 'string', minLength: 1, maxLength: 16 },
      device,
      seq,
      at,
    },
  },
  status: 201,
  response: readingSchema,
  conflicts: true,
  async handle({ em, params, body, services }) {
    const now = services.clock.now();
    const reading = {
      lot: params.lotNumber ?? '',
      order: body.order,
      weight: Math.round(body.weight * 1000) / 1000,
      ...(body.unit === undefined ? {} : { unit: body.unit }),
      device: body.device,
      seq: body.seq,
      at: body.at === undefined ? now : businessInstant('at', body.at, now),
    };
    const stored = await storeReading(em, reading, now);
    if (stored.fresh) await applyReadings(unitOf(services, em), [stored.reading], { refuseWeighings: true });
    return { status: 201, body: readingView(stored.reading, !stored.fresh) };
  },
});

export const ingestApiRoutes = [postCountsRoute, postCountBatchRoute, postWeighingRoute];
