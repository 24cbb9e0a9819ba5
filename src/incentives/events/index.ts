import type { EventSource } from './incentive-event.js';
import { shiftReportedEvents } from './shift-reported-events.js';
import { taskFinishedEvents } from './task-finished-events.js';
import { workReportEvents } from './work-report-events.js';

/**
 * The triggers that are evaluated. repair_accepted and maintenance_done are missing on purpose:
 * the equipment module that will record repair tickets and maintenance tasks is being written;
 * its sources join this list (and their triggers become `evaluated` in rules/triggers.ts) then.
 */
export const eventSources: readonly EventSource[] = [
  workReportEvents,
  taskFinishedEvents,
  shiftReportedEvents,
];
