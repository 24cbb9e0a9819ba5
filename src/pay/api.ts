import { defineRoute } from '../http/api/api-route.js';
import { ValidationError } from '../shared/errors.js';
import { payrollWorkbook } from './month/payroll.js';
import { PayEntry } from './pay-entry.entity.js';
import { PieceRate } from './piece-rate.entity.js';
import { addRate, type RateInput } from './rates-service.js';

const day = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' } as const;

const rateView = (r: PieceRate) => ({
  id: r.id,
  itemCode: r.itemCode,
  sequence: r.sequence,
  teamId: r.teamId ?? null,
  equipmentCode: r.equipmentCode ?? null,
  fenPerPiece: r.fenPerPiece,
  scrapFen: r.scrapFen,
  effectiveFrom: r.effectiveFrom,
});

/** A new piece rate from a day on; the rates before it stay, for the reports made under them. */
export const addRateRoute = defineRoute<RateInput>({
  method: 'post',
  path: '/pay/rates',
  scope: 'pay:write',
  tag: 'pay',
  summary: 'Add a piece rate (fen per good piece) for an operation of an item, from a day on',
  status: 201,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['itemCode', 'sequence', 'fenPerPiece', 'effectiveFrom'],
    properties: {
      itemCode: { type: 'string', minLength: 1, maxLength: 64 },
      sequence: { type: 'integer', minimum: 1, maximum: 9999 },
      fenPerPiece: { type: 'integer', minimum: 0, maximum: 10_000_000 },
      scrapFen: { type: 'integer', minimum: 0, maximum: 10_000_000 },
      teamId: { type: ['string', 'null'], minLength: 1, maxLength: 64 },
      equipmentCode: { type: ['string', 'null'], minLength: 1, maxLength: 32 },
      effectiveFrom: day,
    },
  },
  async handle({ em, body, services }) {
    const rate = addRate(em, body, services.clock.now());
    await em.flush();
    return { status: 201, body: rateView(rate) };
  },
});

export const listRatesRoute = defineRoute({
  method: 'get',
  path: '/pay/rates',
  scope: 'pay:read',
  tag: 'pay',
  summary: 'Every piece rate, newest first',
  async handle({ em }) {
    const rates = await em.find(PieceRate, {}, { orderBy: { effectiveFrom: 'desc', id: 'desc' } });
    return { body: rates.map(rateView) };
  },
});

/** Each person's earnings in a month, in fen: what a payroll clerk reconciles. */
export const monthEarningsRoute = defineRoute({
  method: 'get',
  path: '/pay/earnings/:month',
  scope: 'pay:read',
  tag: 'pay',
  summary: 'Earnings per person in a month (YYYY-MM), in fen',
  async handle({ em, params }) {
    const entries = await em.find(PayEntry, { month: params.month ?? '' }, { populate: ['person'] });
    const byPerson = new Map<string, { personId: string; name: string; fen: number; good: number }>();
    for (const e of entries) {
      const row = byPerson.get(e.person.id) ?? {
        personId: e.person.id,
        name: e.person.name,
        fen: 0,
        good: 0,
      };
      row.fen += e.fen;
      row.good += e.good;
      byPerson.set(e.person.id, row);
    }
    return { body: [...byPerson.values()].sort((a, b) => a.personId.localeCompare(b.personId)) };
  },
});

/** The month's payroll sheet (.xlsx) in the columns factory.yaml `pay.payrollColumns` names. */
export const payrollRoute = defineRoute({
  method: 'get',
  path: '/pay/months/:month/payroll.xlsx',
  scope: 'pay:read',
  tag: 'pay',
  summary: 'The payroll sheet of a month (YYYY-MM) as .xlsx: one row per worker with earnings',
  produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  async handle({ em, params, services }) {
    const month = params.month ?? '';
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      throw new ValidationError('The month must look like 2026-11.', { errors: ['params.month: YYYY-MM'] });
    }
    return { body: await payrollWorkbook(em, services.config.pay, month) };
  },
});
