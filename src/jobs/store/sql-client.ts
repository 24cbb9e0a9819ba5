import type { MikroORM, QueryResult, Transaction } from '@mikro-orm/core';
import { AbstractSqlConnection, BaseSqlitePlatform, MySqlPlatform } from '@mikro-orm/knex';
import { mysqlDialect, sqliteDialect, type SqlDialect } from './sql-dialect.js';

/** A value bound into the store's SQL; dates, booleans and JSON are encoded before. */
export type SqlParam = string | number | null;

/** A row as the driver returns it; the store decodes every column it reads. */
export type SqlRow = Record<string, unknown>;

/** Losing a lock race twice in a row is rare; three times means something else is wrong. */
const CONFLICT_ATTEMPTS = 3;

/**
 * Runs the store's SQL on the application's MikroORM connection, beside (not inside) any
 * unit of work: jobs are not entities the application loads or flushes.
 */
export class SqlClient {
  private constructor(
    private readonly connection: AbstractSqlConnection,
    readonly dialect: SqlDialect,
    private readonly transactionContext?: Transaction,
  ) {}

  static forOrm(orm: MikroORM): SqlClient {
    const connection = orm.em.getConnection();
    if (!(connection instanceof AbstractSqlConnection)) {
      throw new Error('the Agenda job store needs an SQL driver of MikroORM (MySQL, MariaDB or SQLite)');
    }
    const platform = connection.getPlatform();
    if (platform instanceof MySqlPlatform) return new SqlClient(connection, mysqlDialect);
    if (platform instanceof BaseSqlitePlatform) return new SqlClient(connection, sqliteDialect);
    throw new Error(
      `the Agenda job store supports MySQL, MariaDB and SQLite, not ${platform.constructor.name}`,
    );
  }

  rows(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
    return this.retryingConflicts(() =>
      this.connection.execute<SqlRow[]>(sql, [...params], 'all', this.transactionContext),
    );
  }

  async firstRow(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow | undefined> {
    return (await this.rows(sql, params))[0];
  }

  /** Runs an UPDATE or DELETE and returns how many rows it matched. */
  async run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    const result = await this.retryingConflicts(() =>
      this.connection.execute<QueryResult>(sql, [...params], 'run', this.transactionContext),
    );
    return result.affectedRows;
  }

  /** Runs an INSERT (or an upsert) and returns the id of the row it wrote. */
  async insert(sql: string, params: readonly SqlParam[]): Promise<string> {
    if (this.dialect.kind === 'sqlite') {
      const row = await this.firstRow(`${sql} returning \`id\``, params);
      if (row?.id === undefined || row.id === null) throw new Error('the insert returned no id');
      return String(row.id);
    }
    const result = await this.retryingConflicts(() =>
      this.connection.execute<QueryResult>(sql, [...params], 'run', this.transactionContext),
    );
    return String(result.insertId);
  }

  /** Runs `work` in one transaction, again from the start if the database chose it as a deadlock victim. */
  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    if (this.transactionContext) return work(this);
    return this.retryingConflicts(() =>
      this.connection.transactional((context) => work(new SqlClient(this.connection, this.dialect, context))),
    );
  }

  private async retryingConflicts<T>(attempt: () => Promise<T>): Promise<T> {
    // Inside a transaction a lost race aborts the whole transaction, so only it may be retried.
    if (this.transactionContext) return attempt();
    for (let tries = 1; ; tries += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (tries >= CONFLICT_ATTEMPTS || !this.dialect.isRetryableConflict(error)) throw error;
      }
    }
  }
}
