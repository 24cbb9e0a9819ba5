/** One drill's count. Held: the effect happened exactly once; lost and duplicated are the failures. */
export interface DrillResult {
  drill: string;
  tried: number;
  held: number;
  lost: number;
  duplicated: number;
  /** App exits nobody asked for, during the drill. */
  crashes: number;
  /** What a reader needs to make sense of the numbers (e.g. how many WeCom gave up on). */
  notes: string[];
}

export function failed(result: DrillResult): boolean {
  return result.lost > 0 || result.duplicated > 0 || result.crashes > 0;
}

/** Per-key effect counts against the keys tried: 1 = held, 0 = lost, more = duplicated. */
export function tallyEffects(keys: readonly string[], effects: ReadonlyMap<string, number>) {
  let held = 0;
  let lost = 0;
  let duplicated = 0;
  for (const key of keys) {
    const n = effects.get(key) ?? 0;
    if (n === 0) lost += 1;
    else if (n === 1) held += 1;
    else duplicated += 1;
  }
  return { held, lost, duplicated };
}

/**
 * Callbacks against their stored effects: one acknowledged to WeCom and not stored is lost
 * (WeCom does not send it again); one stored twice is duplicated whether acknowledged or not.
 * One never acknowledged and not stored was refused, which WeCom's user sees; it is noted.
 */
export function tallyCallbacks(
  keys: readonly string[],
  acknowledged: ReadonlySet<string>,
  effects: ReadonlyMap<string, number>,
) {
  let held = 0;
  let lost = 0;
  let duplicated = 0;
  let refused = 0;
  for (const key of keys) {
    const n = effects.get(key) ?? 0;
    if (n === 1) held += 1;
    else if (n > 1) duplicated += 1;
    else if (acknowledged.has(key)) lost += 1;
    else refused += 1;
  }
  return { held, lost, duplicated, refused };
}

export function table(results: readonly DrillResult[]): string {
  const header = ['drill', 'tried', 'held', 'lost', 'duplicated', 'crashes'];
  const rows = results.map((r) => [
    r.drill,
    String(r.tried),
    String(r.held),
    String(r.lost),
    String(r.duplicated),
    String(r.crashes),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const notes = results.flatMap((r) => r.notes.map((n) => `- ${r.drill}: ${n}`));
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', ...notes].join('\n');
}
