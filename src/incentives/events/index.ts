import { maintenanceDoneEvents, repairAcceptedEvents } from './equipment-events.js';
import type { EventSource } from './incentive-event.js';
import { shiftReportedEvents } from './shift-reported-events.js';
import { taskFinishedEvents } from './task-finished-events.js';
import { workReportEvents } from './work-report-events.js';

/** Where each trigger's events are read from: one source per trigger in rules/triggers.ts. */
export const eventSources: readonly EventSource[] = [
  workReportEvents,
  taskFinishedEvents,
  shiftReportedEvents,
  repairAcceptedEvents,
  maintenanceDoneEvents,
];
