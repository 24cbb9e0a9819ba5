import { parseQuantity } from '../chat/text/chinese-number.js';

/**
 * Units a lot may be kept in, with the ways people write them. Weights, lengths and volumes
 * can be divided; pieces cannot. A unit not listed here is treated as countable, so nobody
 * issues half of something the factory never said could be halved.
 */
const UNITS: ReadonlyArray<{ names: readonly string[]; divisible: boolean }> = [
  { names: ['kg', '公斤', '千克'], divisible: true },
  { names: ['g', '克'], divisible: true },
  { names: ['t', '吨'], divisible: true },
  { names: ['m', '米'], divisible: true },
  { names: ['mm', '毫米'], divisible: true },
  { names: ['l', '升'], divisible: true },
  { names: ['ml', '毫升'], divisible: true },
  { names: ['件', '个', '只', 'pcs', 'pc', '根', '张', '块', '套'], divisible: false },
];

/** Longest first, so `kg` is read as kilograms and not as `k` followed by grams. */
const ALL_NAMES = UNITS.flatMap((u) => u.names).sort((a, b) => b.length - a.length);

/** The stored figures keep three decimals; more would be silently rounded away. */
const MAX_DECIMALS = 3;

export interface WrittenQuantity {
  value: number;
  /** The unit written after the number, if any (`150kg` → `kg`). */
  unit?: string;
}

/** `150`, `150kg`, `1.5t`, `五十公斤`: the number and the unit as written; undefined if not a number. */
export function readWrittenQuantity(text: string): WrittenQuantity | undefined {
  const lower = text.trim().toLowerCase();
  const unit = ALL_NAMES.find((name) => lower.endsWith(name) && lower.length > name.length);
  const number = unit ? lower.slice(0, -unit.length) : lower;
  if ((/\.(\d+)/.exec(number)?.[1]?.length ?? 0) > MAX_DECIMALS) return undefined;
  const value = parseQuantity(number);
  if (value === undefined) return undefined;
  return unit ? { value, unit } : { value };
}

/** Whether `written` (as typed) names the same unit as the item's `unit` (as configured). */
export function sameUnit(written: string, unit: string): boolean {
  const group = groupOf(written);
  return written.toLowerCase() === unit.toLowerCase() || (group !== undefined && group === groupOf(unit));
}

export function isDivisible(unit: string): boolean {
  return groupOf(unit)?.divisible ?? false;
}

function groupOf(unit: string) {
  const lower = unit.toLowerCase();
  return UNITS.find((u) => u.names.includes(lower));
}
