import type { Inspection } from './inspections/inspection.entity.js';

declare module '../events/domain-events.js' {
  interface DomainEvents {
    /** QC recorded a 首检 or 终检 on an operation of `orderNumber`. */
    'quality.inspection_recorded': { inspection: Inspection; orderNumber: string };
  }
}

export const qualityEvents = ['quality.inspection_recorded'] as const;
