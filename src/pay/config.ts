import type { CapabilityConfig } from '../capabilities/capability.js';
import type { FactoryConfig } from '../config/factory-config.js';
import type { RejectReason } from '../quality/config.js';

/** What a payroll sheet column shows; the clerk picks and orders them in factory.yaml. */
export const PAYROLL_FIELDS = [
  'personId',
  'name',
  'team',
  'good',
  'scrap',
  'grossYuan',
  'deductionYuan',
  'lateYuan',
  'totalYuan',
  'status',
] as const;
export type PayrollField = (typeof PAYROLL_FIELDS)[number];

export interface PayrollColumn {
  field: PayrollField;
  /** The header the clerk's sheet expects. */
  title: string;
}

export interface PayConfig {
  /**
   * How a team rate's earning on a task dispatched to a whole team is shared among the team's
   * workers: `equal`; `hours` — by the minutes each reported on that task in that month (equal
   * when nobody reported minutes); `shares` — by `shares` (a member without one gets nothing;
   * equal when nobody has one). Each member gets the floor of their exact share in fen; who
   * gets the fen left over is `leftoverFen`.
   */
  teamSplit: 'equal' | 'hours' | 'shares';
  shares: Record<string, number>;
  /**
   * Rounding, the one place money is divided (a team split, a deduction shared by the workers of
   * an operation): the fen left over after everyone's floor go one each `largestFraction` — to
   * the largest fractions of a fen, ties to the lower person id — or `personOrder` — to the
   * members in person id order. Either way the parts add up to the whole to the fen, and a
   * negative amount is split the same way by its size. Rates are whole fen per piece, so
   * pieces × rate needs no rounding at all.
   */
  leftoverFen: 'largestFraction' | 'personOrder';
  /**
   * Fen taken off per piece QC rejects at 终检, by reject reason code (quality.rejectReasons);
   * a reason not listed costs the worker nothing. Shared by the workers who reported good pieces
   * on the order's last operation, in proportion to those pieces.
   */
  rejectDeductions: Record<string, number>;
  /** The payroll export's columns, in order. */
  payrollColumns: PayrollColumn[];
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    pay: PayConfig;
  }
}

function payConfigProblems(config: FactoryConfig): string[] {
  const problems: string[] = [];
  const people = new Set(config.people.map((p) => p.id));
  for (const id of Object.keys(config.pay.shares)) {
    if (!people.has(id)) problems.push(`pay.shares.${id}: no person with id "${id}"`);
  }
  // Quality may be left out of a factory: then no reason code is known.
  const quality = (config as { quality?: { rejectReasons: RejectReason[] } }).quality;
  const reasons = new Set((quality?.rejectReasons ?? []).map((r) => r.code.toUpperCase()));
  for (const code of Object.keys(config.pay.rejectDeductions)) {
    if (!reasons.has(code.toUpperCase())) {
      problems.push(`pay.rejectDeductions.${code}: no reject reason "${code}" in quality.rejectReasons`);
    }
  }
  if (config.pay.teamSplit === 'shares' && Object.keys(config.pay.shares).length === 0) {
    problems.push('pay.teamSplit: "shares" needs pay.shares (person id: share)');
  }
  return problems;
}

/** factory.yaml `pay:` — the team split rule, rounding, deductions by reject reason, the payroll sheet's columns. */
export const payConfig: CapabilityConfig = {
  sections: {
    pay: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          teamSplit: { enum: ['equal', 'hours', 'shares'] },
          shares: {
            type: 'object',
            propertyNames: { minLength: 1, maxLength: 64 },
            additionalProperties: { type: 'integer', minimum: 0, maximum: 10_000 },
          },
          leftoverFen: { enum: ['largestFraction', 'personOrder'] },
          rejectDeductions: {
            type: 'object',
            propertyNames: { pattern: '^\\S{1,16}$' },
            additionalProperties: { type: 'integer', minimum: 0, maximum: 10_000_000 },
          },
          payrollColumns: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['field', 'title'],
              properties: {
                field: { enum: [...PAYROLL_FIELDS] },
                title: { type: 'string', minLength: 1, maxLength: 32 },
              },
            },
          },
        },
      },
      defaults: {
        teamSplit: 'equal',
        shares: {},
        leftoverFen: 'largestFraction',
        rejectDeductions: {},
        payrollColumns: [
          { field: 'personId', title: '工号' },
          { field: 'name', title: '姓名' },
          { field: 'team', title: '班组' },
          { field: 'good', title: '合格数' },
          { field: 'grossYuan', title: '计件工资' },
          { field: 'deductionYuan', title: '扣款' },
          { field: 'lateYuan', title: '上月更正' },
          { field: 'totalYuan', title: '实发计件' },
          { field: 'status', title: '确认状态' },
        ],
      } satisfies PayConfig,
    },
  },
  problems: payConfigProblems,
};
