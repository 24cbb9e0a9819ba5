import type { Configuration } from '@mikro-orm/core';
import {
  AbstractSqlDriver,
  LibSqlConnection,
  LibSqlKnexDialect,
  LibSqlPlatform,
  type Knex,
} from '@mikro-orm/libsql';

/**
 * How long a connection waits for another process's write to finish before SQLite answers
 * "database is locked". Given to every connection the pool opens (the pool replaces its
 * connections as they age), not set once on whichever connection happened to run a PRAGMA.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

interface KnexTransaction {
  query(conn: unknown, sql: string): Promise<unknown>;
  begin(conn: unknown): Promise<unknown>;
}

/**
 * The server and `npm run chat` share the embedded file. A deferred `BEGIN` takes the write
 * lock only at the first write; when another process committed after this transaction's
 * first read, SQLite refuses the upgrade with SQLITE_BUSY at once, without waiting. `BEGIN
 * IMMEDIATE` takes the write lock up front, where the busy timeout applies, so writers queue.
 */
class ImmediateLibSqlDialect extends LibSqlKnexDialect {
  // Knex's SQLite client has transaction(); MikroORM's typing of the dialect leaves it out.
  transaction(...args: unknown[]): unknown {
    const base = (
      LibSqlKnexDialect.prototype as unknown as { transaction: (...a: unknown[]) => KnexTransaction }
    ).transaction;
    const trx = base.apply(this, args);
    // Knex calls begin() once it holds a connection, after this constructor has returned.
    trx.begin = (conn) => trx.query(conn, 'BEGIN IMMEDIATE;');
    return trx;
  }
}

class SharedFileConnection extends LibSqlConnection {
  override createKnex(): void {
    this.client = this.createKnexClient(ImmediateLibSqlDialect as unknown as string);
    this.connected = true;
  }

  protected override getKnexOptions(type: string): Knex.Config {
    const options = super.getKnexOptions(type);
    const connection = { ...(options.connection as object), timeout: SQLITE_BUSY_TIMEOUT_MS };
    return { ...options, connection: connection as Knex.Config['connection'] };
  }
}

/** MikroORM's libsql driver, with write-first transactions and a busy timeout on each connection. */
export class SharedFileSqliteDriver extends AbstractSqlDriver<SharedFileConnection, LibSqlPlatform> {
  constructor(config: Configuration) {
    super(config, new LibSqlPlatform(), SharedFileConnection, ['knex', 'libsql']);
  }
}
