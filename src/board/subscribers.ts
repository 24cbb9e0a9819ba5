import { subscribe } from '../events/domain-events.js';
import { boardsChanged } from './board-hub.js';

/** A report (or its correction) moves the lines' output: open boards read again once it is committed. */
export const boardSubscribers = [
  subscribe({
    event: 'workorders.report_recorded',
    phase: 'after_commit',
    handle: async () => boardsChanged(),
  }),
  subscribe({
    event: 'workorders.report_reversed',
    phase: 'after_commit',
    handle: async () => boardsChanged(),
  }),
];
