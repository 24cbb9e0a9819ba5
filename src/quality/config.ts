import type { CapabilityConfig } from '../capabilities/capability.js';
import type { FactoryConfig } from '../config/factory-config.js';

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
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    quality: QualityConfig;
  }
}

function qualityProblems(config: FactoryConfig): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  config.quality.rejectReasons.forEach((r, i) => {
    const code = r.code.toUpperCase();
    if (seen.has(code)) problems.push(`quality.rejectReasons[${i}].code: duplicate reason code "${r.code}"`);
    seen.add(code);
  });
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
      } satisfies QualityConfig,
    },
  },
  problems: qualityProblems,
};
