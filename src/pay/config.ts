import type { CapabilityConfig } from '../capabilities/capability.js';
import type { FactoryConfig } from '../config/factory-config.js';

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
   * equal when nobody has one). Rounding: each member gets the floor of their exact share in
   * fen; the fen left over go one each to the members with the largest fractions, ties to the
   * lower person id, so the parts always add up to the whole to the fen. A negative amount
   * (more scrap deduction than pay) is split the same way by its size.
   */
  teamSplit: 'equal' | 'hours' | 'shares';
  shares: Record<string, number>;
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
  if (config.pay.teamSplit === 'shares' && Object.keys(config.pay.shares).length === 0) {
    problems.push('pay.teamSplit: "shares" needs pay.shares (person id: share)');
  }
  return problems;
}

/** factory.yaml `pay:` — the team split rule and the payroll sheet's columns. */
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
