import { isNegativeNumber, parseQuantity } from '../text/chinese-number.js';

/**
 * The argument grammar a command declares: positional slots in order, some optional, and
 * keyword slots introduced by a word (`报废 3`). Matching is by kind, so `完工 WO-7 50` and
 * `完工 WO-7 车削 50` both read right without the worker having to name anything.
 */
export type ArgKind = 'word' | 'quantity' | 'mention' | 'text' | 'operation';

export interface ArgSpec {
  name: string;
  /** Chinese name shown in usage lines: `<合格数>`. */
  label: string;
  kind: ArgKind;
  optional?: boolean;
  /** Keyword slots are found anywhere: the keyword followed by its value. */
  keywords?: readonly string[];
  /**
   * A keyword slot that may also be written in its place without its keyword: `新建工单 传动轴
   * 300 12-08` and `新建工单 传动轴 300 交期 12-08` both give the due date. A text slot named by
   * its keyword takes the rest of the line.
   */
  orPositional?: boolean;
  /**
   * The alternatives in `label` that are written as they stand (`排行 [本周|上周|本月]`), not
   * placeholders for a value (`<日期>`).
   */
  choices?: readonly string[];
}

/** 合格数, written bare or after its keyword: `10`, `合格 10`, `合格10`. */
export const goodArg = {
  name: 'good',
  label: '合格数',
  kind: 'quantity',
  keywords: ['合格', '良品', 'good'],
  orPositional: true,
} as const satisfies ArgSpec;

/** 报废数, after its keyword: `报废 2`, `报废2`, `废2`. */
export const scrapArg = {
  name: 'scrap',
  label: '报废数',
  kind: 'quantity',
  optional: true,
  keywords: ['报废', 'scrap', '废'],
} as const satisfies ArgSpec;

/** A slot whose value is one of `words`, written as it stands: `排行 [本周|上周|本月]`. */
export function wordChoice(name: string, words: readonly string[], optional = false): ArgSpec {
  return { name, label: words.join('|'), kind: 'word', choices: words, ...(optional && { optional }) };
}

export type ParsedArgs = Record<string, string | number | undefined>;

export type ArgsResult = { ok: true; args: ParsedArgs } | { ok: false; problem: ArgProblem };

export type ArgProblem =
  | { kind: 'missing'; label: string }
  | { kind: 'not_a_quantity'; label: string; token: string }
  | { kind: 'negative_quantity'; label: string; token: string }
  | { kind: 'extra'; token: string };

export function usageOf(name: string, specs: readonly ArgSpec[]): string {
  const parts = specs.map((s) => {
    const inner = s.keywords && !s.orPositional ? `${s.keywords[0]} ${valueOf(s)}` : valueOf(s);
    return s.optional ? `[${inner}]` : inner;
  });
  return [name, ...parts].join(' ');
}

/** A slot left empty; one of words is named by them: 缺少合格、不合格或让步. */
function missing({ label, choices }: ArgSpec): ArgProblem {
  const alternatives = label.split('|');
  const spoken =
    choices && alternatives.length > 1
      ? `${alternatives.slice(0, -1).join('、')}或${alternatives.at(-1)}`
      : label;
  return { kind: 'missing', label: spoken };
}

function valueOf({ label, choices, kind }: ArgSpec): string {
  // The rest of the line, holding several values: each is a placeholder of its own (`[<天数> <原因>]`).
  if (kind === 'text' && !choices)
    return label
      .split(' ')
      .map((word) => (word === '…' ? word : `<${word}>`))
      .join(' ');
  if (!choices) return `<${label}>`;
  return label
    .split('|')
    .map((alternative) => (choices.includes(alternative) ? alternative : `<${alternative}>`))
    .join('|');
}

export function parseArgs(tokens: string[], specs: readonly ArgSpec[]): ArgsResult {
  const marked = specs.some((s) => s.kind === 'operation') ? joinOperationMarker(tokens) : [...tokens];
  const rest = splitGluedKeywords(marked, specs);
  const args: ParsedArgs = {};
  for (const spec of specs.filter((s) => s.keywords)) {
    const at = rest.findIndex((t) => spec.keywords?.includes(t.toLowerCase()));
    if (at === -1) {
      if (!spec.optional && !spec.orPositional) return { ok: false, problem: missing(spec) };
      continue;
    }
    const value = spec.kind === 'text' ? rest.slice(at + 1).join(' ') || undefined : rest[at + 1];
    if (value === undefined) return { ok: false, problem: missing(spec) };
    const converted = convert(spec, value);
    if (converted === undefined) return { ok: false, problem: quantityProblem(spec.label, value) };
    args[spec.name] = converted;
    rest.splice(at, spec.kind === 'text' ? rest.length : 2);
  }
  const positional = specs.filter((s) => !s.keywords || (s.orPositional && args[s.name] === undefined));
  let skipped: ArgSpec | undefined;
  for (const [i, spec] of positional.entries()) {
    if (spec.kind === 'text') {
      if (rest.length === 0 && !spec.optional) return { ok: false, problem: missing(spec) };
      args[spec.name] = rest.length > 0 ? rest.splice(0).join(' ') : undefined;
      continue;
    }
    const requiredAfter = positional.slice(i + 1).filter((s) => !s.optional).length;
    const token = rest[0];
    if (
      spec.optional &&
      (token === undefined ||
        rest.length <= requiredAfter ||
        !fits(spec, token) ||
        leaveForQuantities(positional, i, rest) ||
        isLaterChoice(positional, i, token))
    ) {
      skipped = spec;
      continue;
    }
    if (token === undefined) return { ok: false, problem: missing(spec) };
    const converted = convert(spec, token);
    if (converted === undefined) {
      return {
        ok: false,
        problem: spec.kind === 'quantity' ? quantityProblem(spec.label, token) : missing(spec),
      };
    }
    args[spec.name] = converted;
    rest.shift();
  }
  const extra = rest[0];
  if (extra === undefined) return { ok: true, args };
  // `记一笔 很多`: the word was meant for the optional quantity, so say that, not "extra".
  if (skipped?.kind === 'quantity' && rest.length === 1) {
    return { ok: false, problem: quantityProblem(skipped.label, extra) };
  }
  return { ok: false, problem: { kind: 'extra', token: extra } };
}

function quantityProblem(label: string, token: string): ArgProblem {
  return { kind: isNegativeNumber(token) ? 'negative_quantity' : 'not_a_quantity', label, token };
}

/**
 * `完工 WO-7 五`: an optional word slot (the operation) must not swallow a number that a later
 * quantity slot needs; `完工 WO-7 10 50` still reads 10 as the operation, since 50 is left.
 */
function leaveForQuantities(positional: readonly ArgSpec[], i: number, rest: string[]): boolean {
  const spec = positional[i];
  const token = rest[0];
  if (spec?.kind !== 'word' || token === undefined || parseQuantity(token) === undefined) return false;
  return rest.length <= positional.slice(i + 1).filter((s) => s.kind === 'quantity').length;
}

/** `首检 WO-7 不合格 D01`: a word a later slot chooses from is that slot's, not an optional one's before it. */
function isLaterChoice(positional: readonly ArgSpec[], i: number, token: string): boolean {
  return positional.slice(i + 1).some((s) => s.choices?.includes(token));
}

/**
 * An operation is named by its name (`车削`) or by its number with a marker: `工序10`, `10工序`,
 * `工序 10` or `#10`. A bare number is never an operation: next to an order it is a quantity.
 */
const OPERATION_MARKER = /^(?:工序|#)(\d+)$|^(\d+)工序$/;

/** `报废2` written without a space is the keyword and its value, as `报废 2`. */
function splitGluedKeywords(tokens: readonly string[], specs: readonly ArgSpec[]): string[] {
  const keywords = specs.flatMap((s) => s.keywords ?? []);
  return tokens.flatMap((token) => {
    const keyword = keywords.find((k) => token.toLowerCase().startsWith(k) && token.length > k.length);
    const value = keyword === undefined ? undefined : token.slice(keyword.length);
    const aNumber = value !== undefined && (parseQuantity(value) !== undefined || isNegativeNumber(value));
    return keyword !== undefined && value !== undefined && aNumber ? [keyword, value] : [token];
  });
}

/** `工序 10` written with a space is one argument. */
function joinOperationMarker(tokens: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (tokens[i] === '工序' && next !== undefined && /^\d+$/.test(next)) {
      joined.push(`工序${next}`);
      i++;
    } else joined.push(tokens[i] as string);
  }
  return joined;
}

/** The operation's sequence number as a string, or its name; undefined for a bare or signed number. */
export function readOperation(token: string): string | undefined {
  const marked = OPERATION_MARKER.exec(token);
  if (marked) return marked[1] ?? marked[2];
  const aNumber = parseQuantity(token) !== undefined || isNegativeNumber(token);
  return token.startsWith('@') || aNumber ? undefined : token;
}

function fits(spec: ArgSpec, token: string): boolean {
  return convert(spec, token) !== undefined;
}

function convert(spec: ArgSpec, token: string): string | number | undefined {
  switch (spec.kind) {
    case 'quantity':
      return parseQuantity(token);
    case 'mention':
      return token.startsWith('@') && token.length > 1 ? token.slice(1) : undefined;
    case 'word':
      return token.startsWith('@') ? undefined : token;
    case 'text':
      return token;
    case 'operation':
      return readOperation(token);
  }
}

/** 是/否 to a confirmation question; undefined for anything else, so the question is asked again. */
export function readYesNo(answer: string): boolean | undefined {
  const text = answer.trim();
  if (/^(是|是的|好|对|确认|确定|ok|y|yes)$/i.test(text)) return true;
  if (/^(否|不|不是|不用|算了|no|n)$/i.test(text)) return false;
  return undefined;
}
