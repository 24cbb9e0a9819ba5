import type { CapabilityConfig } from '../capabilities/capability.js';

export interface WorkOrdersConfig {
  /** How far past the planned quantity a report may go, as a fraction (0.05 = 5 %). */
  overReportTolerance: number;
  /** How long a worker may 撤销 their own last report. */
  undoMinutes: number;
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    workOrders: WorkOrdersConfig;
  }
}

/** factory.yaml `workOrders:`. */
export const workOrdersConfig: CapabilityConfig = {
  sections: {
    workOrders: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          overReportTolerance: { type: 'number', minimum: 0, maximum: 1 },
          undoMinutes: { type: 'integer', minimum: 0, maximum: 1440 },
        },
      },
      defaults: { overReportTolerance: 0.05, undoMinutes: 30 } satisfies WorkOrdersConfig,
    },
  },
};
