import type { MikroORM } from '@mikro-orm/core';
import { AbstractSqlConnection, BaseSqlitePlatform, MySqlPlatform, type Knex } from '@mikro-orm/knex';
import { retryOnLockConflict } from '../../db/lock-retry.js';
import { mysqlDialect, sqliteDialect, type SqlDialect } from './sql-dialect.js';

/** A value bound into the store's SQL; dates, booleans and JSON are encoded before. */
export type SqlParam = string | number | null;

/** A row as the driver returns it; the store decodes every column it reads. */
export type SqlRow = Record<string, unknown>;

/** Losing a lock race twice in a row is rare; three times means something else is wrong. */
const CONFLICT_ATTEMPTS = 3;

/**
 * Runs the store's SQL on the knex client of the application's MikroORM connection, beside
 * (not inside) any unit of work: jobs are not entities the application loads or flushes.
 * Knex rather than `connection.execute()`: the driver binds the parameters itself, which
 * saves the ORM's formatting and logging on queries Agenda makes several times per job.
 */
export class SqlClient {
  private constructor(
    private readonly connection: AbstractSqlConnection,
    readonly dialect: SqlDialect,
    private readonly transactionContext?: Knex.Transaction,
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

  async rows(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
    const result = await this.raw(sql, params);
    // Knex hands MySQL results back as [rows, fields], SQLite ones as the rows.
    const rows: unknown = this.dialect.kind === 'mysql' ? firstOf(result) : result;
    if (!Array.isArray(rows)) throw new Error(`expected rows from: ${sql}`);
    return rows as SqlRow[];
  }

  async firstRow(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow | undefined> {
    return (await this.rows(sql, params))[0];
  }

  /** Runs an UPDATE or DELETE and returns how many rows it matched. */
  async run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    const outcome = this.outcome(await this.raw(sql, params));
    return Number(outcome.affectedRows ?? outcome.changes);
  }

  /** Runs an INSERT (or an upsert) and returns the id of the row it wrote. */
  async insert(sql: string, params: readonly SqlParam[]): Promise<string> {
    if (this.dialect.kind === 'sqlite') {
      const row = await this.firstRow(`${sql} returning \`id\``, params);
      if (row?.id === undefined || row.id === null) throw new Error('the insert returned no id');
      return String(row.id);
    }
    return String(this.outcome(await this.raw(sql, params)).insertId);
  }

  /** Runs `work` in one transaction, again from the start if it lost a lock to another writer. */
  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T> {
    if (this.transactionContext) return work(this);
    return this.retryingConflicts(() =>
      this.connection.transactional((context) => work(new SqlClient(this.connection, this.dialect, context))),
    );
  }

  private raw(sql: string, params: readonly SqlParam[]): Promise<unknown> {
    return this.retryingConflicts(async () => {
      const query = this.connection.getKnex().raw(sql, [...params]);
      return this.transactionContext ? query.transacting(this.transactionContext) : query;
    });
  }

  /** What an UPDATE, DELETE or INSERT reports: MySQL's OK packet, or SQLite's run result. */
  private outcome(result: unknown): Record<string, unknown> {
    const outcome = this.dialect.kind === 'mysql' ? firstOf(result) : result;
    if (typeof outcome !== 'object' || outcome === null) throw new Error('the statement reported no outcome');
    return outcome as Record<string, unknown>;
  }

  private retryingConflicts<T>(attempt: () => Promise<T>): Promise<T> {
    // Inside a transaction a lost race aborts the whole transaction, so only it may be retried.
    if (this.transactionContext) return attempt();
    return retryOnLockConflict(attempt, { attempts: CONFLICT_ATTEMPTS });
  }
}

function firstOf(result: unknown): unknown {
  return Array.isArray(result) ? result[0] : undefined;
}
