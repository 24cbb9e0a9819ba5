import type { ParameterReading } from './parameter-reading.entity.js';

/** A recorded process parameter as the trace and the API show it: the value against its limits. */
export function parameterView(r: ParameterReading) {
  return {
    name: r.name,
    unit: r.unit,
    value: r.value,
    min: r.min ?? null,
    max: r.max ?? null,
    outOfLimits: r.outOfLimits,
    exceptionId: r.exceptionId ?? null,
  };
}
