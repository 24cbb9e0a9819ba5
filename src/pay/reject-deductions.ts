import { subscribe } from '../events/domain-events.js';
import { Person } from '../people/person.entity.js';
import { inZone } from '../shared/time.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import { payMessages as m } from './messages.js';
import { landingOf } from './month/open-month.js';
import { PayEntry } from './pay-entry.entity.js';
import { splitFen } from './team-split.js';

/**
 * 终检 rejected pieces for a reason factory.yaml `pay.rejectDeductions` prices: the deduction
 * (pieces × fen) is taken from the workers who made the operation — those who reported its good
 * pieces, in proportion to their net good pieces — in the inspection's transaction, on the
 * inspection's day (the next open month when that one is closed).
 */
export const deductionsOfRejects = subscribe({
  event: 'quality.pieces_rejected',
  phase: 'in_transaction',
  async handle({ inspection, task, rejected, reasonCode }, unit) {
    const prices = unit.config.pay.rejectDeductions;
    const code = Object.keys(prices).find((c) => c.toUpperCase() === reasonCode.toUpperCase());
    const perPiece = code === undefined ? 0 : (prices[code] ?? 0);
    if (perPiece === 0) return;
    const reports = await unit.em.find(WorkReport, { task }, { fields: ['person', 'good'] });
    const good = new Map<string, number>();
    for (const r of reports) good.set(r.person.id, (good.get(r.person.id) ?? 0) + r.good);
    const weights = [...good]
      .filter(([, pieces]) => pieces > 0)
      .map(([personId, pieces]) => ({ personId, weight: pieces }));
    if (weights.length === 0) return;
    // The inspection's id is what makes the deduction once only (unique with the person).
    await unit.em.flush();
    const today = inZone(unit.clock.now(), unit.tz).format('YYYY-MM-DD');
    const landing = await landingOf(unit.em, inZone(inspection.at, unit.tz).format('YYYY-MM-DD'), today);
    const shares = splitFen(-rejected * perPiece, weights, unit.config.pay.leftoverFen);
    for (const share of shares) {
      if (share.fen === 0) continue;
      unit.em.create(PayEntry, {
        person: unit.em.getReference(Person, share.personId),
        report: null,
        rate: null,
        inspectionId: inspection.id,
        reasonCode: code ?? reasonCode,
        good: 0,
        // The inspection's rejected pieces, which the deduction is for (shared, like a team's good).
        scrap: rejected,
        fen: share.fen,
        deductionFen: -share.fen,
        splitAmong: shares.length,
        lateFor: null,
        day: landing.day,
        month: landing.month,
        recordedAt: unit.clock.now(),
      });
    }
    unit.note?.(m.rejectDeducted(rejected, reasonCode, rejected * perPiece, shares.length));
  },
});
