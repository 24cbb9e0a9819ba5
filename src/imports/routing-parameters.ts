import type { RoutingParameter } from '../workorders/routing-step.entity.js';

const NUMBER = String.raw`[+-]?\d+(?:\.\d+)?`;
/**
 * One parameter as a routing sheet writes it, the way the bot shows limits back:
 * `转速 800~1200rpm 标准1000`, `浓度 ≥5%`, `扭矩 ≤12N·m`, `温度 ℃` (a unit, no limits).
 */
const ENTRY = new RegExp(
  String.raw`^(?<name>[^\s=＝]{1,32})\s+` +
    String.raw`(?:(?<min>${NUMBER})[~～](?<max>${NUMBER})|(?:≥|>=)(?<atLeast>${NUMBER})|(?:≤|<=)(?<atMost>${NUMBER}))?` +
    String.raw`(?<unit>[^\s\d~～≥≤<>=+.-][^\s]{0,15})?` +
    String.raw`(?:\s+(?:标准|nominal)[=＝:：]?(?<nominal>${NUMBER}))?$`,
);

const numberOr = (text: string | undefined): number | undefined =>
  text === undefined ? undefined : Number(text);

/**
 * The `工艺参数` cell of a routing row: parameters separated by `；`, `;` or a line break.
 * Returns the entry it could not read as the error, so the row's refusal can quote it.
 */
export function readRoutingParameters(
  cell: string,
): { parameters: RoutingParameter[] } | { unreadable: string } {
  const parameters: RoutingParameter[] = [];
  for (const entry of cell.split(/[;；\n]/).map((e) => e.trim().replace(/\s+/g, ' '))) {
    if (entry === '') continue;
    const g = ENTRY.exec(entry)?.groups;
    if (!g) return { unreadable: entry };
    const parameter: RoutingParameter = { name: g.name!, unit: g.unit ?? '' };
    const nominal = numberOr(g.nominal);
    const min = numberOr(g.min ?? g.atLeast);
    const max = numberOr(g.max ?? g.atMost);
    if (nominal !== undefined) parameter.nominal = nominal;
    if (min !== undefined) parameter.min = min;
    if (max !== undefined) parameter.max = max;
    parameters.push(parameter);
  }
  return { parameters };
}
