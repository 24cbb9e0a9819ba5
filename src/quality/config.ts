import type { CapabilityConfig } from '../capabilities/capability.js';
import type { FactoryConfig } from '../config/factory-config.js';
import { serialPatternProblems } from './serials/serial-pattern.js';

/** One reason a piece is rejected at inspection; the code is what QC types. */
export interface RejectReason {
  code: string;
  name: string;
}

export interface QualityConfig {
  /** The codes QC gives with 不合格; a list the factory keeps so rejects can be counted by cause. */
  rejectReasons: RejectReason[];
  /** How many pieces an operation flagged for 首检 may report before QC has passed one. */
  firstArticle: { pieces: number };
  /**
   * Scrap over a threshold waits for an approver's tap before it is posted. No `threshold` and
   * no item line: every scrap is posted at once.
   */
  scrapApproval: {
    /** Pieces of scrap in one report or request above which approval is needed (all items). */
    threshold?: number;
    /** Who may approve: QC, supervisors, or either (the default). */
    approvers?: ScrapApprovers;
    /** Per item (its code), a threshold (and approvers) that replaces the global one. */
    items?: Array<{ item: string; threshold: number; approvers?: ScrapApprovers }>;
  };
  /**
   * Process parameters (工艺参数) an operation of an item's routing asks for on each report, on
   * top of those its routing step declares; where both name one, this line wins.
   */
  parameters: ProcessParameter[];
  /** 巡检 plans: QC is reminded to check an operation that runs, every N hours and/or pieces. */
  patrols: PatrolPlan[];
  /** How the serial numbers of a serialised item's accepted pieces are made at 终检. */
  serials: {
    /**
     * `{lot}` (the order's output lot), `{n}` or `{n:4}` (the piece's consecutive number in the
     * order, zero-padded), and optionally `{item}`, `{yyyy}`, `{yy}`, `{mm}`, `{dd}` (the 终检's day).
     */
    pattern: string;
  };
}

export type ScrapApprovers = 'qc' | 'supervisor' | 'qc_or_supervisor';

export interface ProcessParameter {
  item: string;
  sequence: number;
  name: string;
  unit: string;
  nominal?: number;
  min?: number;
  max?: number;
}

export interface PatrolPlan {
  item: string;
  sequence: number;
  everyHours?: number;
  everyPieces?: number;
  /** What QC measures (shown in the reminder), e.g. 外径、表面. */
  characteristics?: string[];
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    quality: QualityConfig;
  }
}

const approversSchema = { enum: ['qc', 'supervisor', 'qc_or_supervisor'] } as const;

function qualityProblems(config: FactoryConfig): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  config.quality.rejectReasons.forEach((r, i) => {
    const code = r.code.toUpperCase();
    if (seen.has(code)) problems.push(`quality.rejectReasons[${i}].code: duplicate reason code "${r.code}"`);
    seen.add(code);
  });
  const params = new Set<string>();
  config.quality.parameters.forEach((p, i) => {
    const key = `${p.item}#${p.sequence}#${p.name}`;
    if (params.has(key)) problems.push(`quality.parameters[${i}]: duplicate parameter "${p.name}"`);
    params.add(key);
    if (p.min !== undefined && p.max !== undefined && p.min > p.max)
      problems.push(`quality.parameters[${i}]: min ${p.min} is above max ${p.max}`);
  });
  config.quality.patrols.forEach((p, i) => {
    if (p.everyHours === undefined && p.everyPieces === undefined)
      problems.push(`quality.patrols[${i}]: give everyHours, everyPieces or both`);
  });
  for (const problem of serialPatternProblems(config.quality.serials.pattern))
    problems.push(`quality.serials.pattern: ${problem}`);
  return problems;
}

/** factory.yaml `quality:`. */
export const qualityConfig: CapabilityConfig = {
  sections: {
    quality: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          rejectReasons: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['code', 'name'],
              properties: {
                // One word QC can type in a chat line: no spaces.
                code: { type: 'string', pattern: '^\\S{1,16}$' },
                name: { type: 'string', minLength: 1, maxLength: 32 },
              },
            },
          },
          firstArticle: {
            type: 'object',
            additionalProperties: false,
            required: ['pieces'],
            properties: { pieces: { type: 'integer', minimum: 1, maximum: 100 } },
          },
          scrapApproval: {
            type: 'object',
            additionalProperties: false,
            properties: {
              threshold: { type: 'integer', minimum: 0 },
              approvers: approversSchema,
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['item', 'threshold'],
                  properties: {
                    item: { type: 'string', minLength: 1 },
                    threshold: { type: 'integer', minimum: 0 },
                    approvers: approversSchema,
                  },
                },
              },
            },
          },
          parameters: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['item', 'sequence', 'name', 'unit'],
              properties: {
                item: { type: 'string', minLength: 1 },
                sequence: { type: 'integer', minimum: 1 },
                // Typed as `名=值` in chat: no spaces, no `=`.
                name: { type: 'string', pattern: '^[^\\s=＝]{1,32}$' },
                unit: { type: 'string', maxLength: 16 },
                nominal: { type: 'number' },
                min: { type: 'number' },
                max: { type: 'number' },
              },
            },
          },
          patrols: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['item', 'sequence'],
              properties: {
                item: { type: 'string', minLength: 1 },
                sequence: { type: 'integer', minimum: 1 },
                everyHours: { type: 'number', exclusiveMinimum: 0 },
                everyPieces: { type: 'integer', minimum: 1 },
                characteristics: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 32 } },
              },
            },
          },
          serials: {
            type: 'object',
            additionalProperties: false,
            required: ['pattern'],
            // A serial is one word a scanner or QC can type: no spaces.
            properties: { pattern: { type: 'string', pattern: '^\\S{1,64}$' } },
          },
        },
      },
      defaults: {
        rejectReasons: [
          { code: 'D01', name: '尺寸超差' },
          { code: 'S01', name: '表面划伤' },
          { code: 'B01', name: '毛刺' },
          { code: 'M01', name: '材料缺陷' },
          { code: 'H01', name: '热处理不良' },
        ],
        firstArticle: { pieces: 1 },
        scrapApproval: { approvers: 'qc_or_supervisor', items: [] },
        parameters: [],
        patrols: [],
        serials: { pattern: '{lot}-{n:4}' },
      } satisfies QualityConfig,
    },
  },
  problems: qualityProblems,
};
