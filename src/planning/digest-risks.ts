import { subscribe } from '../events/domain-events.js';
import { capacityLoad } from './load-service.js';
import { riskTexts } from './load-view.js';
import { planningMessages as m } from './messages.js';

/**
 * The open orders the load finishes after their due date, in the morning digest: the projected
 * finish on the line of an order the digest already lists under 交期风险, the others (late by
 * the load while their due date is still further off) in a section of their own.
 */
export const atRiskInDigest = subscribe({
  event: 'digest.composing',
  phase: 'in_transaction',
  async handle(payload, unit) {
    const load = await capacityLoad(unit.em, unit.config, unit.tz, unit.clock.now());
    const risks = riskTexts(load, unit.tz);
    for (const r of risks.filter((r) => payload.listedAtRisk.has(r.orderNumber)))
      payload.noteOnRisk(r.orderNumber, m.digestRiskNote(r.finish, r.reason));
    const others = risks.filter((r) => !payload.listedAtRisk.has(r.orderNumber));
    if (others.length === 0) return;
    payload.add({
      title: m.digestRiskTitle,
      lines: others.map((r) => m.digestRisk(r.orderNumber, r.dueDay, r.finish, r.reason)),
    });
  },
});
