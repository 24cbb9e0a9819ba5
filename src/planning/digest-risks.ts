import { subscribe } from '../events/domain-events.js';
import { capacityLoad } from './load-service.js';
import { riskTexts } from './load-view.js';
import { planningMessages as m } from './messages.js';

/** The morning digest's 交期风险 section: the open orders the load finishes after their due date. */
export const atRiskInDigest = subscribe({
  event: 'digest.composing',
  phase: 'in_transaction',
  async handle(payload, unit) {
    const load = await capacityLoad(unit.em, unit.config, unit.tz, unit.clock.now());
    const risks = riskTexts(load, unit.tz);
    if (risks.length === 0) return;
    payload.add({
      title: m.digestRiskTitle,
      lines: risks.map((r) => m.digestRisk(r.orderNumber, r.dueDay, r.finish, r.reason)),
    });
  },
});
