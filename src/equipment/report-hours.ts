import { subscribe } from '../events/domain-events.js';
import { addRunningMinutes } from './hours-service.js';

/** A 报工 ran its machine for the minutes it covers (a machine with a meter counts its own). */
export const hoursOfReports = subscribe({
  event: 'workorders.report_recorded',
  phase: 'in_transaction',
  async handle({ report }, unit) {
    if (report.equipment) await addRunningMinutes(unit, report.equipment, report.minutes);
  },
});

/** An 撤销 takes its minutes back off the machine; a 更正 keeps them (its reversal has none). */
export const hoursOfReversals = subscribe({
  event: 'workorders.report_reversed',
  phase: 'in_transaction',
  async handle({ reversal }, unit) {
    if (reversal.equipment && reversal.minutes !== 0)
      await addRunningMinutes(unit, reversal.equipment, reversal.minutes);
  },
});
