import type { Inspection } from './inspections/inspection.entity.js';
import type { ParameterReading } from './parameters/parameter-reading.entity.js';
import type { ScrapRequest } from './scrap/scrap-request.entity.js';

declare module '../events/domain-events.js' {
  interface DomainEvents {
    /** QC recorded a 首检, 巡检 or 终检 on an operation of `orderNumber`. */
    'quality.inspection_recorded': { inspection: Inspection; orderNumber: string };
    /** Scrap over the approval threshold is waiting for an approver (not posted yet). */
    'quality.scrap_requested': { request: ScrapRequest };
    /** An approver tapped 批准 (the scrap is posted) or 驳回; `minutes` from request to tap. */
    'quality.scrap_decided': { request: ScrapRequest; approved: boolean; minutes: number };
    /** A process parameter was outside its limits and raised a quality exception (once per reading). */
    'quality.parameter_out_of_limits': { reading: ParameterReading; exceptionId: number };
  }
}

export const qualityEvents = [
  'quality.inspection_recorded',
  'quality.scrap_requested',
  'quality.scrap_decided',
  'quality.parameter_out_of_limits',
] as const;
