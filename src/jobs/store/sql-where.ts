import type { SqlParam } from './sql-client.js';

/** Conditions joined with AND, and the parameters their placeholders take, in order. */
export class SqlWhere {
  private readonly conditions: string[] = [];
  readonly params: SqlParam[] = [];

  add(condition: string, ...params: SqlParam[]): this {
    this.conditions.push(condition);
    this.params.push(...params);
    return this;
  }

  /** A condition no row meets, for a filter that can match nothing (an id that is not ours). */
  addNothing(): this {
    return this.add('1 = 0');
  }

  get isEmpty(): boolean {
    return this.conditions.length === 0;
  }

  /** ` where …`, or nothing at all when there is no condition. */
  toString(): string {
    return this.isEmpty ? '' : ` where ${this.conditions.join(' and ')}`;
  }
}

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
