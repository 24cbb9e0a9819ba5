import { inZone } from '../../shared/time.js';

/** Serials are stored, scanned and looked up in this many characters at most (their column). */
export const MAX_SERIAL = 64;

const TOKEN = /\{([a-z]+)(?::(\d))?\}/g;
const DATE_TOKENS: Record<string, string> = { yyyy: 'YYYY', yy: 'YY', mm: 'MM', dd: 'DD' };

/**
 * Why a pattern cannot make serials that are unique: each needs the output lot (unique per
 * order) and the piece's number in the order (unique within it), and nothing it cannot fill.
 */
export function serialPatternProblems(pattern: string): string[] {
  const tokens = [...pattern.matchAll(TOKEN)];
  const problems: string[] = [];
  const unknown = tokens.filter(
    ([, name]) => !['lot', 'n', 'item', ...Object.keys(DATE_TOKENS)].includes(name!),
  );
  if (unknown.length > 0) problems.push(`unknown ${unknown.map(([t]) => t).join(', ')}`);
  if (!tokens.some(([, name]) => name === 'lot'))
    problems.push('needs {lot}, so serials of two orders never meet');
  const numbers = tokens.filter(([, name]) => name === 'n').length;
  if (numbers !== 1) problems.push('needs {n} (or {n:4}, zero-padded) exactly once');
  return problems;
}

export interface SerialParts {
  lot: string;
  item: string;
  /** The piece's number in the order, from 1. */
  n: number;
  /** The 终检, whose factory-local day the date tokens show. */
  at: Date;
  tz: string;
}

/** The serial a checked pattern makes for one piece, upper-cased like lot and order numbers. */
export function formatSerial(pattern: string, parts: SerialParts): string {
  const day = inZone(parts.at, parts.tz);
  return pattern
    .replace(TOKEN, (_whole, name: string, width: string | undefined) => {
      if (name === 'lot') return parts.lot;
      if (name === 'item') return parts.item;
      if (name === 'n') return String(parts.n).padStart(Number(width ?? 1), '0');
      return day.format(DATE_TOKENS[name]!);
    })
    .toUpperCase();
}
