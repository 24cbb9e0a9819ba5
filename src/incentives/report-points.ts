import { subscribe } from '../events/domain-events.js';
import { lockedCursor } from './evaluation-service.js';
import { reverseReportPoints } from './report-reversal.js';

/**
 * A reversed 报工 gives back what it earned (as it stood: a second 更正 takes back what the first
 * one's corrected report earned), in the same transaction as the reversal. It holds
 * the reports' cursor first, as every evaluation does: one paying the original at this moment
 * either commits before the reversal reads what the original earned, or waits and then reads
 * the reversal and pays nothing (a report reversed before any evaluation read it earns nothing).
 */
export const pointsOfReversals = subscribe({
  event: 'workorders.report_reversed',
  phase: 'in_transaction',
  async handle({ supersedes, reversal, label, kind }, { em, clock, tz }) {
    await lockedCursor(em, 'work_report', clock.now(), tz);
    await reverseReportPoints(em, supersedes.id, label, kind, reversal.reportedAt);
  },
});
