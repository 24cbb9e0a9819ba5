import { FlushMode } from '@mikro-orm/core';
import { subscribe } from '../events/domain-events.js';
import { earnReport, earnReversal } from './earnings-service.js';
import { payMessages as m } from './messages.js';
import { PayEntry } from './pay-entry.entity.js';

/** A 报工 earns its pieces at the rate in force, in its own transaction; the worker sees it in the answer. */
export const earningsOfReports = subscribe({
  event: 'workorders.report_recorded',
  phase: 'in_transaction',
  async handle({ report }, unit) {
    const entry = await earnReport(unit, report);
    if (!entry || !unit.note) return;
    // Read without flushing: the new entry is added by hand, so it is counted exactly once.
    const earlier = await unit.em.find(
      PayEntry,
      { person: entry.person, day: entry.day },
      { fields: ['fen'], flushMode: FlushMode.COMMIT },
    );
    unit.note(
      m.earnedNow(
        entry.fen,
        earlier.reduce((sum, e) => sum + e.fen, entry.fen),
      ),
    );
  },
});

/** 撤销 and 更正 take back, at the original rate and on the original day, what the pieces no longer earn. */
export const earningsOfReversals = subscribe({
  event: 'workorders.report_reversed',
  phase: 'in_transaction',
  async handle({ original, reversal }, unit) {
    const entry = await earnReversal(unit, original, reversal);
    if (entry && entry.fen !== 0) unit.note?.(m.corrected(entry.fen, entry.day));
  },
});
