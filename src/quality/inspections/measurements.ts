import { RefusedError } from '../../shared/errors.js';
import type { OperationTask } from '../../workorders/operation-task.entity.js';
import type { Inspection } from './inspection.entity.js';
import { inspectionMessages as m } from './messages.js';

/** One characteristic as QC measured it, judged against the operation's declared limits. */
export interface Measurement {
  name: string;
  /** As typed (`Φ20.01`, `OK`). */
  value: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  outOfLimits: boolean;
}

const MEASURED = /^([^=＝\s]+)[=＝](\S+)$/;

/** The `名=值` words of a message, and the rest of it. */
export function splitMeasured(words: readonly string[]): { measured: string[]; rest: string[] } {
  const measured = words.filter((w) => MEASURED.test(w)).map((w) => w.replace('＝', '='));
  return { measured, rest: words.filter((w) => !MEASURED.test(w)) };
}

/**
 * Reads what QC measured on `task`'s pieces. An operation whose routing declares its 检验特性
 * takes only those, as numbers, and marks a value outside its limits 超差; one that declares
 * none keeps what was typed, unjudged. A word it cannot take is refused and nothing is recorded.
 */
export function measure(task: OperationTask, typed: readonly string[]): Measurement[] {
  const declared = task.characteristics ?? [];
  const seen = new Set<string>();
  return typed.map((word) => {
    const [, name = '', value = ''] = MEASURED.exec(word) ?? [];
    if (seen.has(name)) throw new RefusedError('measured_twice', m.measuredTwice(name));
    seen.add(name);
    if (declared.length === 0) return { name, value, unit: null, min: null, max: null, outOfLimits: false };
    const spec = declared.find((c) => c.name === name);
    if (!spec)
      throw new RefusedError(
        'unknown_characteristic',
        m.unknownCharacteristic(
          task.name,
          name,
          declared.map((c) => c.name),
        ),
      );
    const number = /-?\d+(?:\.\d+)?/.exec(value);
    if (!number) throw new RefusedError('not_a_measurement', m.notAMeasurement(name, value));
    const n = Number(number[0]);
    const min = spec.min ?? null;
    const max = spec.max ?? null;
    return {
      name,
      value,
      unit: spec.unit,
      min,
      max,
      outOfLimits: (min !== null && n < min) || (max !== null && n > max),
    };
  });
}

/** Puts what was measured on an inspection just recorded: judged, and as typed beside its note. */
export function keepMeasurements(
  inspection: Inspection,
  typed: readonly string[],
  measurements: Measurement[],
): void {
  if (measurements.length === 0) return;
  inspection.measurements = measurements;
  inspection.note = [inspection.note, typed.join(' ')].filter(Boolean).join('；').slice(0, 255);
}

/** `外径 20.30（20.00～20.05 mm）` for each value outside its limits. */
export const outOfLimits = (measurements: readonly Measurement[]): string[] =>
  measurements
    .filter((x) => x.outOfLimits)
    .map((x) => `${x.name} ${x.value}（${x.min ?? '…'}～${x.max ?? '…'}${x.unit ? ` ${x.unit}` : ''}）`);
