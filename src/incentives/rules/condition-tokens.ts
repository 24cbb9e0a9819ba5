export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A condition that does not parse or names what the event does not have; `column` is 1-based. */
export class ConditionError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(`${message} at column ${column}`);
    this.name = 'ConditionError';
  }
}

/** The words of a condition: numbers, quoted text, names, comparison signs and parentheses. */
export type Token =
  | { kind: 'number'; value: number; column: number }
  | { kind: 'string'; value: string; column: number }
  | { kind: 'word'; value: string; column: number }
  | { kind: 'op'; value: CompareOp; text: string; column: number }
  | { kind: '(' | ')' | 'end'; column: number };

// `=`, `≥`, `≤` and `≠` are accepted because the people who write factory.yaml are rarely programmers.
const OPERATORS: ReadonlyArray<[string, CompareOp]> = [
  ['==', '=='],
  ['!=', '!='],
  ['<=', '<='],
  ['>=', '>='],
  ['≠', '!='],
  ['≤', '<='],
  ['≥', '>='],
  ['=', '=='],
  ['<', '<'],
  ['>', '>'],
];
export const KEYWORDS = new Set(['and', 'or', 'not']);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const column = i + 1;
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const previous = tokens[tokens.length - 1];
    const afterOperand =
      previous?.kind === 'number' || previous?.kind === 'string' || previous?.kind === 'word';
    const number = (afterOperand ? /^\d+(\.\d+)?/ : /^-?\d+(\.\d+)?/).exec(rest);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), column });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) {
      tokens.push({ kind: 'word', value: word[0], column });
      i += word[0].length;
      continue;
    }
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, i + 1);
      if (end === -1) throw new ConditionError('unterminated quoted text', column);
      tokens.push({ kind: 'string', value: text.slice(i + 1, end), column });
      i = end + 1;
      continue;
    }
    if (quote === '(' || quote === ')') {
      tokens.push({ kind: quote, column });
      i += 1;
      continue;
    }
    const op = OPERATORS.find(([symbol]) => rest.startsWith(symbol));
    if (op) {
      tokens.push({ kind: 'op', value: op[1], text: op[0], column });
      i += op[0].length;
      continue;
    }
    throw new ConditionError(`unexpected character "${rest[0] ?? ''}"`, column);
  }
  tokens.push({ kind: 'end', column: text.length + 1 });
  return tokens;
}

export function tokenText(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end';
    case '(':
    case ')':
      return `"${token.kind}"`;
    case 'string':
      return `"${token.value}"`;
    case 'op':
      return `"${token.text}"`;
    default:
      return `"${String(token.value)}"`;
  }
}

export const isKeyword = (token: Token, word: string) =>
  token.kind === 'word' && token.value.toLowerCase() === word;
