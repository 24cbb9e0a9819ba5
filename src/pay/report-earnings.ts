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
    const entries = await earnReport(unit, report);
    if (entries.length === 0 || !unit.note) return;
    if (entries.length > 1) {
      unit.note(
        m.teamSplit(
          entries.reduce((sum, e) => sum + e.fen, 0),
          entries.length,
        ),
      );
    }
    const own = entries.find((e) => e.person.id === report.person.id);
    if (!own) return;
    // Read without flushing: the new entry is added by hand, so it is counted exactly once.
    const earlier = await unit.em.find(
      PayEntry,
      { person: own.person, day: own.day },
      { fields: ['fen'], flushMode: FlushMode.COMMIT },
    );
    unit.note(
      m.earnedNow(
        own.fen,
        earlier.reduce((sum, e) => sum + e.fen, own.fen),
      ),
    );
  },
});

/** 撤销 and 更正 take back, at the original rate and on the original day, what the pieces no longer earn. */
export const earningsOfReversals = subscribe({
  event: 'workorders.report_reversed',
  phase: 'in_transaction',
  async handle({ original, reversal }, unit) {
    const entries = await earnReversal(unit, original, reversal);
    const fen = entries.reduce((sum, e) => sum + e.fen, 0);
    const first = entries[0];
    if (!first || fen === 0) return;
    unit.note?.(
      first.lateFor
        ? m.correctedLate(fen, entries.length, first.month)
        : m.corrected(fen, entries.length, first.day),
    );
  },
});
