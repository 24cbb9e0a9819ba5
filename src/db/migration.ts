import type { Configuration, Transaction } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';

/**
 * The base of our migrations: MikroORM's contract (its migrator still runs them for
 * `migration:create`), without MikroORM's module for it, which loads umzug and the command-line
 * framework umzug brings, some 170 modules and 3 MB of heap kept by every fresh start.
 */
export abstract class Migration {
  private readonly queries: string[] = [];
  protected ctx: Transaction | undefined;

  constructor(
    protected readonly driver: AbstractSqlDriver,
    protected readonly config: Configuration,
  ) {}

  abstract up(): Promise<void>;

  down(): Promise<void> {
    throw new Error('This migration cannot be reverted');
  }

  isTransactional(): boolean {
    return true;
  }

  addSql(sql: string): void {
    this.queries.push(sql);
  }

  reset(): void {
    this.queries.length = 0;
    this.ctx = undefined;
  }

  setTransactionContext(ctx: Transaction): void {
    this.ctx = ctx;
  }

  /** Runs a statement at once (in the migration's transaction, where it has one). */
  execute(sql: string, params?: unknown[]): Promise<unknown> {
    return this.driver.execute(sql, params, 'all', this.ctx);
  }

  getQueries(): string[] {
    return this.queries;
  }
}
