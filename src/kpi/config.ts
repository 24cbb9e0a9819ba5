import type { CapabilityConfig } from '../capabilities/capability.js';
import { hhmm } from '../config/factory-schema.js';
import type { ExceptionKind } from '../workorders/production-exception.entity.js';

/**
 * The paper-days "before" figures a KPI is compared with (PRODUCT.md capability 7); a figure
 * left out is shown without a comparison. Times in hours, rates as fractions (0.76 = 76 %).
 */
export interface KpiBaselines {
  exceptionResponseHours?: number;
  exceptionCloseHours?: number;
  repairAcceptHours?: number;
  repairArchiveHours?: number;
  exceptionClosure?: number;
  onTimeDelivery?: number;
  firstPassYield?: number;
  /** Outsourcing lead time: ship day → the day the whole batch was back, in days. */
  outsourcingReturnDays?: number;
  /** Scrap approval: request → the approver's tap, in hours (paper: days). */
  scrapApprovalHours?: number;
}

export interface KpiConfig {
  baselines: KpiBaselines;
  /** A work-order exception closed within this many hours of being raised counts as closed in time. */
  exceptionLimitHours: Record<ExceptionKind, number>;
  /** When the weekly KPI message goes to the managers: ISO weekday (1 = Monday) and HH:mm, factory zone. */
  weekly: { day: number; time: string };
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    kpi: KpiConfig;
  }
}

const hours = { type: 'number', exclusiveMinimum: 0, maximum: 10_000 };
const rate = { type: 'number', minimum: 0, maximum: 1 };

/** factory.yaml `kpi:`. */
export const kpiConfig: CapabilityConfig = {
  sections: {
    kpi: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          baselines: {
            type: 'object',
            additionalProperties: false,
            properties: {
              exceptionResponseHours: hours,
              exceptionCloseHours: hours,
              repairAcceptHours: hours,
              repairArchiveHours: hours,
              exceptionClosure: rate,
              onTimeDelivery: rate,
              firstPassYield: rate,
              outsourcingReturnDays: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
              scrapApprovalHours: hours,
            },
          },
          exceptionLimitHours: {
            type: 'object',
            additionalProperties: false,
            // All four or none: a section given in part replaces the defaults whole.
            required: ['material', 'equipment', 'quality', 'other'],
            properties: { material: hours, equipment: hours, quality: hours, other: hours },
          },
          weekly: {
            type: 'object',
            additionalProperties: false,
            required: ['day', 'time'],
            properties: { day: { type: 'integer', minimum: 1, maximum: 7 }, time: hhmm },
          },
        },
      },
      defaults: {
        baselines: {},
        exceptionLimitHours: { material: 4, equipment: 8, quality: 4, other: 24 },
        weekly: { day: 1, time: '08:30' },
      } satisfies KpiConfig,
    },
  },
};
