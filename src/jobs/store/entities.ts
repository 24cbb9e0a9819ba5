/** The tables of the Agenda job store, for the application's entity list and its migrations. */
export { AgendaJob } from './agenda-job.entity.js';
export { AgendaLogEntry } from './agenda-log-entry.entity.js';
