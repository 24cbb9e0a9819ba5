import { subscribe } from '../events/domain-events.js';
import { reverseReportPoints } from './report-reversal.js';

/**
 * A reversed 报工 gives back what it earned, in the same transaction as the reversal. A report
 * reversed before any evaluation read it earned nothing: the evaluation leaves it out.
 */
export const pointsOfReversals = subscribe({
  event: 'workorders.report_reversed',
  phase: 'in_transaction',
  async handle({ original, reversal, label }, { em }) {
    await reverseReportPoints(em, original.id, label, reversal.reportedAt);
  },
});
