import { pointTriggersOf } from '../capabilities/assembled.js';
import { subscribe } from '../events/domain-events.js';
import { payInBatches } from './award-batches.js';
import { awardRecords } from './evaluation-service.js';
import { reverseReportPoints } from './report-reversal.js';

/**
 * The points of a 报工, paid once it is committed: the report itself and the operations it
 * finished, keyed by their ids like the job keys them (`work_report:<id>`), so `积分` right
 * after shows them, the job finds them paid, and a reversal can find what a report earned.
 */
export const pointsOfReports = subscribe({
  event: 'workorders.report_recorded',
  phase: 'after_commit',
  async handle({ report, finished }, { em, config, tz, clock, capabilities }) {
    const deps = { em, config, tz, now: clock.now(), triggers: pointTriggersOf(capabilities) };
    const pay = (trigger: string, ids: number[]) =>
      payInBatches(em, trigger, ids, (batch) => awardRecords(deps, trigger, batch));
    await pay('work_report', [report.id]);
    await pay(
      'task_finished',
      finished.map((t) => t.id),
    );
  },
});

/** A reversed 报工 gives back what it earned, in the same transaction as the reversal. */
export const pointsOfReversals = subscribe({
  event: 'workorders.report_reversed',
  phase: 'in_transaction',
  async handle({ original, reversal, label }, { em }) {
    await reverseReportPoints(em, original.id, label, reversal.reportedAt);
  },
});
