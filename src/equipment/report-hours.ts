import { subscribe } from '../events/domain-events.js';
import { addRunningMinutes, countReportMinutes, minutesCountedFor } from './hours-service.js';

/** A 报工 ran its machine for the minutes it covers (a machine with a meter counts its own). */
export const hoursOfReports = subscribe({
  event: 'workorders.report_recorded',
  phase: 'in_transaction',
  async handle({ report }, unit) {
    await countReportMinutes(unit, report);
  },
});

/** An 撤销 takes what its report added back off the machine; a 更正 keeps it (its reversal has no minutes). */
export const hoursOfReversals = subscribe({
  event: 'workorders.report_reversed',
  phase: 'in_transaction',
  async handle({ original, reversal }, unit) {
    if (reversal.equipment && reversal.minutes !== 0)
      await addRunningMinutes(unit, reversal.equipment, -(await minutesCountedFor(unit, original)));
  },
});
