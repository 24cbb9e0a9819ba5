/**
 * The condition of an incentive rule: comparisons of an event's fields with numbers or quoted
 * text, joined with `and`, `or`, `not` and parentheses — `good >= 50 and scrap == 0`. Parsed
 * by this small recursive-descent parser and evaluated on a tree, never handed to `eval`, so
 * a factory.yaml can only ever compare values.
 */
import type { FieldType, FieldValue } from '../../capabilities/point-trigger.js';
import {
  ConditionError,
  tokenText,
  isKeyword,
  KEYWORDS,
  tokenize,
  type CompareOp,
  type Token,
} from './condition-tokens.js';

export { ConditionError, type CompareOp } from './condition-tokens.js';

/** The fields of a trigger's events, as far as a condition is checked against them. */
type Fields = Readonly<Record<string, { type: FieldType }>>;

export type Operand =
  { kind: 'field'; name: string; column: number } | { kind: 'literal'; value: FieldValue };

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand };

/** or := and ("or" and)* ; and := not ("and" not)* ; not := "not" not | "(" or ")" | operand op operand */
class Parser {
  private at = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Condition {
    if (this.peek().kind === 'end') throw new ConditionError('empty condition', 1);
    const condition = this.or();
    const next = this.peek();
    if (next.kind !== 'end') {
      throw new ConditionError(
        `unexpected ${tokenText(next)}; join comparisons with "and" or "or"`,
        next.column,
      );
    }
    return condition;
  }

  private peek(): Token {
    return this.tokens[this.at] ?? { kind: 'end', column: 0 };
  }

  private take(): Token {
    const token = this.peek();
    this.at += 1;
    return token;
  }

  private or(): Condition {
    let left = this.and();
    while (isKeyword(this.peek(), 'or')) {
      this.take();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Condition {
    let left = this.not();
    while (isKeyword(this.peek(), 'and')) {
      this.take();
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Condition {
    if (isKeyword(this.peek(), 'not')) {
      this.take();
      return { kind: 'not', operand: this.not() };
    }
    if (this.peek().kind === '(') {
      this.take();
      const inner = this.or();
      const close = this.take();
      if (close.kind !== ')')
        throw new ConditionError(`expected ")" but found ${tokenText(close)}`, close.column);
      return inner;
    }
    const left = this.operand();
    const op = this.take();
    if (op.kind !== 'op') {
      throw new ConditionError(
        `expected a comparison (==, !=, <, <=, >, >=) after ${left.kind === 'field' ? `"${left.name}"` : 'a value'} but found ${tokenText(op)}`,
        op.column,
      );
    }
    return { kind: 'compare', op: op.value, left, right: this.operand() };
  }

  private operand(): Operand {
    const token = this.take();
    if (token.kind === 'number' || token.kind === 'string') return { kind: 'literal', value: token.value };
    if (token.kind === 'word' && !KEYWORDS.has(token.value.toLowerCase())) {
      return { kind: 'field', name: token.value, column: token.column };
    }
    throw new ConditionError(
      `expected a field, a number or quoted text but found ${tokenText(token)}`,
      token.column,
    );
  }
}

export function parseCondition(text: string): Condition {
  return new Parser(tokenize(text)).parse();
}

/**
 * Parses `text` and checks it against the fields an event of one trigger has: every field
 * must exist, and text is only compared with text, by == or !=.
 */
export function compileCondition(text: string, fields: Fields, trigger: string): Condition {
  const condition = parseCondition(text);
  checkTypes(condition, fields, trigger);
  return condition;
}

function checkTypes(c: Condition, fields: Fields, trigger: string): void {
  switch (c.kind) {
    case 'and':
    case 'or':
      checkTypes(c.left, fields, trigger);
      return checkTypes(c.right, fields, trigger);
    case 'not':
      return checkTypes(c.operand, fields, trigger);
    case 'compare':
      return checkComparison(c, fields, trigger);
  }
}

function checkComparison(c: Extract<Condition, { kind: 'compare' }>, fields: Fields, trigger: string): void {
  const typeOf = (o: Operand): FieldType => {
    if (o.kind === 'literal') return typeof o.value === 'number' ? 'number' : 'string';
    const type = fields[o.name]?.type;
    if (type === undefined) {
      throw new ConditionError(
        `unknown field "${o.name}" (fields of ${trigger}: ${Object.keys(fields).join(', ')})`,
        o.column,
      );
    }
    return type;
  };
  const left = typeOf(c.left);
  const right = typeOf(c.right);
  const column = c.left.kind === 'field' ? c.left.column : c.right.kind === 'field' ? c.right.column : 1;
  if (left !== right) {
    throw new ConditionError(
      `compares ${left === 'number' ? 'a number' : 'text'} with ${right === 'number' ? 'a number' : 'text'}`,
      column,
    );
  }
  if (left === 'string' && c.op !== '==' && c.op !== '!=') {
    throw new ConditionError(`text can only be compared with == or !=, not ${c.op}`, column);
  }
}

/**
 * Whether an event with these field values meets the condition. A comparison with a field the
 * event does not have is false (a task without a standard time has no planned end).
 */
export function conditionHolds(
  c: Condition,
  values: Readonly<Record<string, FieldValue | undefined>>,
): boolean {
  switch (c.kind) {
    case 'and':
      return conditionHolds(c.left, values) && conditionHolds(c.right, values);
    case 'or':
      return conditionHolds(c.left, values) || conditionHolds(c.right, values);
    case 'not':
      return !conditionHolds(c.operand, values);
    case 'compare': {
      const value = (o: Operand) => (o.kind === 'literal' ? o.value : values[o.name]);
      const left = value(c.left);
      const right = value(c.right);
      if (left === undefined || right === undefined) return false;
      return compare(c.op, left, right);
    }
  }
}

function compare(op: CompareOp, left: FieldValue, right: FieldValue): boolean {
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}
