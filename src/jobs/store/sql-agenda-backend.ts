import type { AgendaBackend } from 'agenda';
import type { MikroORM } from '@mikro-orm/core';
import { SqlClient } from './sql-client.js';
import { SqlJobLogger } from './sql-job-logger.js';
import { SqlJobRepository } from './sql-job-repository.js';

/**
 * Agenda's storage on the application's own MySQL, MariaDB or SQLite database, through its
 * MikroORM connection. It has no notification channel: Agenda polls (`processEvery`), and a
 * process can add Agenda's in-memory channel to pick up the jobs it creates itself at once.
 */
export class SqlAgendaBackend implements AgendaBackend {
  readonly name: string;
  readonly repository: SqlJobRepository;
  readonly logger: SqlJobLogger;
  /** The ORM belongs to the application, which closes it; `agenda.stop()` must leave it open. */
  readonly ownsConnection = false;
  private connecting: Promise<void> | undefined;

  constructor(orm: MikroORM) {
    const client = SqlClient.forOrm(orm);
    this.name = client.dialect.kind === 'mysql' ? 'MySQL/MariaDB (MikroORM)' : 'SQLite (MikroORM)';
    this.repository = new SqlJobRepository(client);
    this.logger = new SqlJobLogger(client);
  }

  /**
   * Checks the tables once. Agenda calls this from its constructor without waiting; answering
   * from the first check keeps that call off a connection the application may already close.
   */
  connect(): Promise<void> {
    this.connecting ??= this.repository.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  /** Nothing to release: the connection stays the application's. */
  async disconnect(): Promise<void> {}
}
