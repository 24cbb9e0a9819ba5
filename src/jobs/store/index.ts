/**
 * An Agenda 6 storage backend on MySQL, MariaDB or SQLite through MikroORM. It depends on
 * Agenda's types and MikroORM only, so that it can become a package of its own.
 */
export { SqlAgendaBackend } from './sql-agenda-backend.js';
export { SqlJobRepository } from './sql-job-repository.js';
export { SqlJobLogger } from './sql-job-logger.js';
export { AgendaJob, AgendaLogEntry } from './entities.js';
