import type { CapabilityConfig } from '../capabilities/capability.js';
import { hhmm } from '../config/factory-schema.js';

export interface DigestConfig {
  /** When the morning digest goes out (factory zone). */
  time: string;
  /** Orders due within this many days and behind plan are listed as at risk. */
  riskDays: number;
  /** Also post the digest to each team's group. */
  teamGroups: boolean;
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    digest: DigestConfig;
  }
}

/** factory.yaml `digest:`. */
export const digestConfig: CapabilityConfig = {
  sections: {
    digest: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          time: hhmm,
          riskDays: { type: 'integer', minimum: 0, maximum: 60 },
          teamGroups: { type: 'boolean' },
        },
      },
      defaults: { time: '07:30', riskDays: 3, teamGroups: false } satisfies DigestConfig,
    },
  },
};
